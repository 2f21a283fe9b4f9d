/**
 * Code 128 for the member card's barcode, hand-written because the smallest kept encoder (jsbarcode's CODE128)
 * costs ~2.9 KB gzip on a page with a 100 KB budget; see docs/decisions/0010-member-app-bundle.md.
 * The card code is uppercase letters and digits ending in eight digits: code set B, then C for digit pairs.
 */

/** Bar and space widths of symbols 0..105 (6 modules each), then the stop symbol (7). */
const WIDTHS =
  '212222222122222221121223121322131222122213122312132212221213221312231212112232122132122231113222' +
  '123122123221223211221132221231213212223112312131311222321122321221312212322112322211212123212321' +
  '232121111323131123131321112313132113132311211313231113231311112133112331132131113123113321133121' +
  '313121211331231131213113213311213131311123311321331121312113312311332111314111221411431111111224' +
  '111422121124121421141122141221112214112412122114122411142112142211241211221114413111241112134111' +
  '111242121142121241114212124112124211411212421112421211212141214121412121111143111341131141114113' +
  '114311411113411311113141114131311141411131211412211214211232';
const STOP = '2331112';
const START_B = 104;
const CODE_C = 99;

const widthsOf = (symbol: number) => WIDTHS.slice(symbol * 6, symbol * 6 + 6);

/** The symbols of `text` (printable ASCII), with the trailing run of an even number of digits >= 4 in set C. */
export function code128Symbols(text: string): number[] {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error('Not ASCII');
  const digits = /\d*$/.exec(text)![0];
  const pairs = digits.length >= 4 ? digits.slice(digits.length % 2) : '';
  const head = text.slice(0, text.length - pairs.length);
  const symbols = [START_B, ...Array.from(head, (char) => char.charCodeAt(0) - 32)];
  if (pairs) {
    symbols.push(CODE_C);
    for (let i = 0; i < pairs.length; i += 2) symbols.push(Number(pairs.slice(i, i + 2)));
  }
  const check = symbols.reduce((sum, symbol, i) => sum + symbol * Math.max(i, 1), 0) % 103;
  return [...symbols, check];
}

/** Alternating bar/space widths in modules, starting with a bar, stop pattern included. */
export function code128Widths(text: string): number[] {
  const pattern = code128Symbols(text).map(widthsOf).join('') + STOP;
  return Array.from(pattern, Number);
}
