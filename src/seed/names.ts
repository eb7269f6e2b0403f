import type { Random } from "./random.js";

/**
 * A set of names given by rules, numbered 0..size-1, so that an import can deal them like cards (see Deck)
 * instead of storing them: the Russian company names number in the hundreds of thousands.
 */
export interface NameSpace {
  size: number;
  at(index: number): string;
}

type Part = NameSpace | readonly string[] | string;

function spaceOf(part: Part): NameSpace {
  if (typeof part === "string") return { size: 1, at: () => part };
  if (Array.isArray(part)) return { size: part.length, at: (index) => part[index] as string };
  return part as NameSpace;
}

/** Every combination of one value of each part, joined by `separator` (the last part varies fastest). */
export function product(separator: string, ...parts: Part[]): NameSpace {
  const spaces = parts.map(spaceOf);
  return {
    size: spaces.reduce((size, space) => size * space.size, 1),
    at(index) {
      let rest = index;
      let name = "";
      for (let i = spaces.length - 1; i >= 0; i--) {
        const space = spaces[i] as NameSpace;
        const value = space.at(rest % space.size);
        name = i === spaces.length - 1 ? value : `${value}${separator}${name}`;
        rest = Math.floor(rest / space.size);
      }
      return name;
    },
  };
}

/** All names of several spaces, one after the other. */
export function union(...spaces: NameSpace[]): NameSpace {
  return {
    size: spaces.reduce((size, space) => size + space.size, 0),
    at(index) {
      let rest = index;
      for (const space of spaces) {
        if (rest < space.size) return space.at(rest);
        rest -= space.size;
      }
      throw new RangeError(`name ${index} is beyond the space`);
    },
  };
}

/**
 * Deals the numbers 0..size-1 in a random order, one at a time (an incremental Fisher–Yates shuffle), and
 * starts a fresh shuffle once all are dealt: a name recurs only after every other name of its space has been
 * dealt, so in n draws none occurs more than ⌈n / size⌉ times, where picking at random would repeat some
 * names long before.
 */
export class Deck {
  private readonly order: Int32Array;
  private dealt = 0;

  constructor(size: number) {
    this.order = new Int32Array(size);
    for (let i = 0; i < size; i++) this.order[i] = i;
  }

  draw(random: Random): number {
    const { order } = this;
    if (this.dealt === order.length) this.dealt = 0;
    const chosen = this.dealt + Math.floor(random.next() * (order.length - this.dealt));
    const card = order[chosen] as number;
    order[chosen] = order[this.dealt] as number;
    order[this.dealt++] = card;
    return card;
  }
}
