// The official openai npm SDK against the gateway's OpenAI doors: `node openai-responses.mjs <scenario> [model]` prints
// one JSON line per answer for the Java test to assert on (testsupport.NodeScript runs it).
// SWITCHBOARD_URL is the gateway's /v1 base URL, SWITCHBOARD_KEY the key the SDK sends.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.SWITCHBOARD_URL, apiKey: process.env.SWITCHBOARD_KEY, maxRetries: 0 });

const weather = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

function print(value) {
  console.log(JSON.stringify(value));
}

function summary(response) {
  return {
    id: response.id,
    status: response.status,
    // output_text is the SDK's own join of the texts, set on what responses.create returns (not on events)
    text: response.output_text ?? response.output.filter((item) => item.type === 'message')
      .flatMap((item) => item.content.map((part) => part.text)).join(''),
    output: response.output.map((item) => item.type),
    reasoning: response.output.filter((item) => item.type === 'reasoning')
      .flatMap((item) => item.summary.map((part) => part.text)).join(''),
    encrypted: response.output.filter((item) => item.type === 'reasoning').map((item) => item.encrypted_content ?? null),
    calls: response.output.filter((item) => item.type === 'function_call')
      .map(({ call_id, name, arguments: args }) => ({ call_id, name, arguments: JSON.parse(args) })),
    usage: response.usage,
  };
}

/** What a caller sends after an answer: the outputs of its calls, else a new question. */
function then(output) {
  const calls = output.filter((item) => item.type === 'function_call');
  return calls.length > 0
    ? calls.map((call) => ({ type: 'function_call_output', call_id: call.call_id, output: 'Sunny, 21 C' }))
    : [{ role: 'user', content: 'And at night?' }];
}

const scenarios = {
  async plain() {
    print(summary(await client.responses.create({ model: 'mock', input: 'hi' })));
  },

  async streamed(model = 'mock') {
    const stream = await client.responses.create({ model, input: 'hi', stream: true });
    const types = [];
    let text = '';
    let completed = null;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') {
        text += event.delta;
      } else if (event.type === 'response.completed') {
        completed = summary(event.response);
      }
    }
    print({ types, text, completed });
  },

  // function_call, then the output of the call with the first answer's items, then the answer
  async tools(model = 'openai') {
    const question = { role: 'user', content: 'Weather in Paris?' };
    const first = await client.responses.create({ model, input: [question], tools: [weather] });
    print(summary(first));
    const outputs = first.output.filter((item) => item.type === 'function_call')
      .map((call) => ({ type: 'function_call_output', call_id: call.call_id, output: 'Sunny, 21 C' }));
    const second = await client.responses.create({
      model, input: [question, ...first.output, ...outputs], tools: [weather],
    });
    print(summary(second));
  },

  async reasoning() {
    print(summary(await client.responses.create({
      model: 'mock-tools', input: 'Weather in Paris?', tools: [weather], reasoning: { effort: 'low', summary: 'auto' },
    })));
    const stream = await client.responses.create({
      model: 'mock-tools', input: 'Weather in Paris?', tools: [weather], stream: true,
    });
    let thinking = '';
    for await (const event of stream) {
      if (event.type === 'response.reasoning_summary_text.delta') {
        thinking += event.delta;
      }
    }
    print({ streamed_reasoning: thinking });
  },

  // reasoning kept by the caller, as agent SDKs keep it with store: false: the first answer's items, its encrypted
  // reasoning among them, go back in the next turn's input with the calls' outputs, else a new user message
  async reasoned(model, withTools) {
    const question = { role: 'user', content: 'How do I cross the street?' };
    const ask = {
      model, reasoning: { effort: 'medium', summary: 'auto' }, include: ['reasoning.encrypted_content'], store: false,
      ...(withTools === 'tools' ? { tools: [weather] } : {}),
    };
    const first = await client.responses.create({ ...ask, input: [question] });
    print(summary(first));
    print(summary(await client.responses.create({ ...ask, input: [question, ...first.output, ...then(first.output)] })));
  },

  // the same with the first answer streamed: the reasoning item as response.output_item.done carries it
  async reasoned_streamed(model) {
    const question = { role: 'user', content: 'How do I cross the street?' };
    const ask = {
      model, reasoning: { effort: 'medium', summary: 'auto' }, include: ['reasoning.encrypted_content'], store: false,
    };
    const stream = await client.responses.create({ ...ask, input: [question], stream: true });
    const done = [];
    let completed = null;
    for await (const event of stream) {
      if (event.type === 'response.output_item.done') {
        done.push(event.item);
      } else if (event.type === 'response.completed') {
        completed = event.response;
      }
    }
    print({ done: done.filter((item) => item.type === 'reasoning'), completed: summary(completed) });
    print(summary(await client.responses.create({
      ...ask, input: [question, ...completed.output, ...then(completed.output)],
    })));
  },

  // reasoning kept by the gateway (store defaults to true, no include): the next turn names the first by
  // previous_response_id and sends only a new question
  async continued(model) {
    const first = await client.responses.create({
      model, input: 'How do I cross the street?', reasoning: { effort: 'medium', summary: 'auto' },
    });
    print(summary(first));
    const second = await client.responses.create({ model, input: 'And at night?', previous_response_id: first.id });
    print({ ...summary(second), previous: second.previous_response_id });
  },

  async chained() {
    const first = await client.responses.create({ model: 'mock', input: 'Remember 42.' });
    const second = await client.responses.create({ model: 'mock', input: 'What did I ask?',
      previous_response_id: first.id });
    const stored = await client.responses.retrieve(second.id);
    await client.responses.delete(second.id);
    let gone;
    try {
      await client.responses.retrieve(second.id);
      gone = null;
    } catch (error) {
      gone = { status: error.status, code: error.code };
    }
    print({ first: summary(first), second: summary(second), stored: summary(stored),
      previous: stored.previous_response_id, gone });
  },

  async chat() {
    const completion = await client.chat.completions.create({
      model: 'mock', messages: [{ role: 'user', content: 'hi' }],
    });
    print({ object: completion.object, text: completion.choices[0].message.content,
      finish_reason: completion.choices[0].finish_reason, usage: completion.usage });
  },
};

const scenario = scenarios[process.argv[2]];
if (!scenario) {
  console.error(`unknown scenario "${process.argv[2]}"; one of: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
await scenario(...process.argv.slice(3));
