/**
 * The Chat Completions protocol, shared by the {@code openai}, {@code azure} and {@code vllm}
 * types through {@link io.switchboard.providers.openai.OpenAiDialect}. Depends on {@code core},
 * {@code stream}, {@code errors}, {@code upstream} and {@code config} only; {@code azure} and
 * {@code vllm} are the only packages that import it. Type {@code openai}'s other wire, OpenAI's Responses API, is in
 * {@code openai.responses}, which imports nothing of this package.
 */
package io.switchboard.providers.openai;
