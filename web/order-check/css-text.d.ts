/** A stylesheet imported as its (minified) text: the build's text loader for `.css` files. */
declare module '*.css' {
  const text: string;
  export default text;
}
