import { Message, type ContentTypeEncoder, type ContentTypeEncoderOptions } from 'vscode-languageserver/node';

/**
 * Answers marked with {@link encodeOnce}, and their encoded JSON once a stream transport
 * has written one (`null` until then). Keyed by the answer itself, so the bytes go when
 * the answer does: with the document version that it was computed for.
 */
const encoded = new WeakMap<object, Buffer | null>();

/**
 * Marks an answer that the server hands out again, unchanged, for every request about
 * one document version: the outline and folding of a large spec, hundreds of kilobytes
 * of JSON. Clients ask for those again without an edit (outline and breadcrumb views
 * refreshing on focus or when the cursor rests), and over a stream transport the
 * answer is then written from the bytes encoded the first time. The caller must not
 * change a marked answer afterwards.
 *
 * Node IPC (VS Code) serializes messages itself, so there the mark changes nothing.
 */
export function encodeOnce<T extends object>(answer: T): T {
  if (!encoded.has(answer)) encoded.set(answer, null);
  return answer;
}

/**
 * The JSON content encoder of the server's stream transport. A response whose result
 * is marked with {@link encodeOnce} is written from that result's cached bytes; every
 * other message is encoded as vscode-jsonrpc's own encoder does. The bytes are the same
 * either way: a response is `{"jsonrpc", "id", "result"}` in that order.
 */
export const jsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      return Promise.resolve(encode(message, options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

function encode(message: Message, charset: ContentTypeEncoderOptions['charset']): Buffer {
  if (charset === 'utf-8' && Message.isResponse(message) && isPlainResponse(message)) {
    const result = message.result;
    if (typeof result === 'object' && result !== null && encoded.has(result)) {
      let body = encoded.get(result);
      if (!body) {
        body = Buffer.from(JSON.stringify(result), 'utf-8');
        encoded.set(result, body);
      }
      const head = `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"id":${JSON.stringify(message.id)},"result":`;
      return Buffer.concat([Buffer.from(head, 'utf-8'), body, CLOSE]);
    }
  }
  return Buffer.from(JSON.stringify(message), charset);
}

const CLOSE = Buffer.from('}', 'utf-8');

/** A response with exactly the fields the spliced encoding writes, in its order. */
function isPlainResponse(message: Message): boolean {
  const keys = Object.keys(message);
  return keys.length === 3 && keys[0] === 'jsonrpc' && keys[1] === 'id' && keys[2] === 'result';
}
