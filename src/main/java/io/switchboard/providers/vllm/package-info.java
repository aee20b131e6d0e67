/** Type {@code vllm}: only its factory; the protocol is {@code providers.openai}'s. */
package io.switchboard.providers.vllm;
