/**
 * OpenAI's Responses API, the upstream wire of type {@code openai} with {@code api=responses}: its reasoning items'
 * encrypted state travels as thinking signatures and goes back with the conversation. Depends on {@code core},
 * {@code stream}, {@code errors}, {@code upstream} and {@code gateway.spi} only; only {@code openai}'s factory
 * imports it.
 */
package io.switchboard.providers.openai.responses;
