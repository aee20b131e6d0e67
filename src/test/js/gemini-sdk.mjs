// The official @google/genai npm SDK against the gateway's Gemini door: `node gemini-sdk.mjs <scenario>` prints one
// JSON line per answer for a Java test to assert on. SWITCHBOARD_URL (or GATEWAY_URL) is the gateway's base URL
// (without /v1beta), SWITCHBOARD_KEY the gateway key the SDK sends as x-goog-api-key. The fake upstream behind the
// `gemini` provider answers, per scenario and in order: plain → fixtures/gemini/text.json; stream →
// gemini/text-stream.sse; tools → gemini/function-call-parallel.json, then gemini/text.json; thinking →
// gemini/thought-parts.json.
import { GoogleGenAI, Type } from '@google/genai';

const ai = new GoogleGenAI({
  apiKey: process.env.SWITCHBOARD_KEY ?? 'unchecked',
  httpOptions: { baseUrl: process.env.SWITCHBOARD_URL ?? process.env.GATEWAY_URL, retryOptions: { attempts: 1 } },
});
const model = process.env.SWITCHBOARD_MODEL ?? 'gemini';

function print(value) {
  console.log(JSON.stringify(value));
}

const secrets = {
  functionDeclarations: [{
    name: 'secret_retrieval_tool',
    description: 'Gets a secret.',
    parameters: { type: Type.OBJECT, properties: { password: { type: Type.STRING } }, required: ['password'] },
  }],
};

const scenarios = {
  async plain() {
    const answer = await ai.models.generateContent({
      model, contents: 'What is 4200 + 42?', config: { systemInstruction: 'Be brief.', temperature: 0.3 },
    });
    print({ text: answer.text, finishReason: answer.candidates[0].finishReason, usage: answer.usageMetadata,
      modelVersion: answer.modelVersion, responseId: answer.responseId });
  },

  async stream() {
    const stream = await ai.models.generateContentStream({ model, contents: 'What is 4200 + 42?' });
    let text = '';
    let chunks = 0;
    let last;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.text ?? '';
      last = chunk;
    }
    print({ chunks, text, finishReason: last.candidates[0].finishReason, usage: last.usageMetadata });
  },

  async tools() {
    const question = { role: 'user', parts: [{ text: 'Get both secrets.' }] };
    const config = { tools: [secrets] };
    const first = await ai.models.generateContent({ model, contents: [question], config });
    const calls = first.functionCalls;
    print({ calls: calls.map(({ id, name, args }) => ({ id, name, args })),
      signatures: first.candidates[0].content.parts.map((part) => part.thoughtSignature ?? null) });
    const results = {
      role: 'user',
      parts: calls.map((call) => ({
        functionResponse: { id: call.id, name: call.name, response: { result: `ok ${call.args.password}` } },
      })),
    };
    const second = await ai.models.generateContent({
      model, contents: [question, first.candidates[0].content, results], config,
    });
    print({ text: second.text, finishReason: second.candidates[0].finishReason });
  },

  async thinking() {
    const answer = await ai.models.generateContent({
      model, contents: 'How many primes below 400 contain 79?',
      config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } },
    });
    const parts = answer.candidates[0].content.parts;
    print({ thoughts: parts.filter((part) => part.thought).map((part) => part.text),
      text: answer.text, thoughtsTokenCount: answer.usageMetadata.thoughtsTokenCount });
  },

  async error() {
    try {
      await ai.models.generateContent({ model: 'gemini-1.0-ultra', contents: 'hi' });
      print({ error: null });
    } catch (error) {
      print({ error: { status: error.status, message: error.message } });
    }
  },
};

const scenario = scenarios[process.argv[2]];
if (!scenario) {
  console.error(`usage: node gemini-sdk.mjs <${Object.keys(scenarios).join('|')}>`);
  process.exit(2);
}
await scenario();
