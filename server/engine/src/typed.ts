/** Typed arrays built by index (`TypedArray.from` with a map function walks an iterator per element). */
export function float64Of(length: number, value: (index: number) => number): Float64Array {
  const result = new Float64Array(length);
  for (let index = 0; index < length; index++) result[index] = value(index);
  return result;
}

export function int32Of(length: number, value: (index: number) => number): Int32Array {
  const result = new Int32Array(length);
  for (let index = 0; index < length; index++) result[index] = value(index);
  return result;
}
