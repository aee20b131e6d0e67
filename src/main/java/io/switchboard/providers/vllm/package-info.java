/**
 * Type {@code vllm}: its factory, and a provider that adds vLLM's tokenizer to the protocol of
 * {@code providers.openai}.
 */
package io.switchboard.providers.vllm;
