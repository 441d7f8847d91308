/** Thrown while reading when a guessed UTF-8 file turns out not to be UTF-8 further on. */
export class EncodingRetry extends Error {
  constructor() {
    super('retry with gb18030');
  }
}
