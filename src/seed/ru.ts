import { Deck, type NameSpace, product, union } from "./names.js";
import { Random } from "./random.js";
import { RU_PLACES } from "./ru-places.js";
import {
  FEMALE_FIRST_NAMES,
  FIRM_WORDS,
  MALE_FIRST_NAMES,
  PLACE_ADJECTIVES,
  REGION_STEMS,
  REGION_TAILS,
  SURNAMES,
  TRADE_STEMS,
} from "./ru-words.js";
import { slug, transliterate } from "./translit.js";
import type { CompanyNamer, Person, Place, Pools } from "./types.js";

/**
 * The legal forms of factories, distributors and dealerships, with how often each occurs: ПАО (a public
 * company) mostly for factories. Retail chains are ООО or АО (see withRetailForms), entrepreneurs ИП.
 */
const LEGAL_FORMS: readonly (readonly [form: string, share: number][])[] = [
  [
    ["ООО", 0.3],
    ["АО", 0.45],
    ["ПАО", 0.25],
  ],
  [
    ["ООО", 0.65],
    ["АО", 0.3],
    ["ПАО", 0.05],
  ],
  [
    ["ООО", 0.75],
    ["АО", 0.2],
    ["ПАО", 0.05],
  ],
];
const ENTREPRENEUR_LEVEL = 4;
/** Where an entrepreneur's mail is: a personal mailbox, not a company domain. */
const PERSONAL_MAIL = ["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru", "rambler.ru"];
const PEOPLE = 4000;

export interface SurnameForms {
  male: string;
  female: string;
  /** «Сервисный центр Морозова» */
  genitive: string;
  /** «Братья Морозовы» */
  plural: string;
  /** «Торговый дом Морозовых» */
  pluralGenitive: string;
}

/** The forms of a Russian surname given in the masculine; only the regular endings are supported. */
export function surnameForms(male: string): SurnameForms {
  if (/(ов|ев|ёв|ин|ын)$/.test(male)) {
    return {
      male,
      female: `${male}а`,
      genitive: `${male}а`,
      plural: `${male}ы`,
      pluralGenitive: `${male}ых`,
    };
  }
  const stem = male.slice(0, -2);
  if (/(ский|цкий)$/.test(male)) {
    return {
      male,
      female: `${stem}ая`,
      genitive: `${stem}ого`,
      plural: `${stem}ие`,
      pluralGenitive: `${stem}их`,
    };
  }
  if (/ой$/.test(male)) {
    return {
      male,
      female: `${stem}ая`,
      genitive: `${stem}ого`,
      plural: `${stem}ые`,
      pluralGenitive: `${stem}ых`,
    };
  }
  throw new Error(`No rule for the surname ${male}`);
}

const SURNAME_FORMS = SURNAMES.map(surnameForms);

function initials(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => `${name[0]}.`))];
}

const surnames = (form: keyof SurnameForms) => SURNAME_FORMS.map((forms) => forms[form]);

/** The places with repeats by weight, so that a uniform pick is a weighted one. */
function weightedPlaces(slots: number): Place[] {
  const places: Place[] = [];
  for (const { country, tld, share, cities } of RU_PLACES) {
    const total = cities.reduce((sum, city) => sum + city.weight, 0);
    for (const { city, weight, streets } of cities) {
      const place = { country, city, streets, tld };
      for (let i = Math.max(1, Math.round((slots * share * weight) / total)); i > 0; i--) places.push(place);
    }
  }
  return places;
}

const PLACES = weightedPlaces(1000);
const RUSSIA = PLACES.filter((place) => place.country === "Россия");
function placesIn(cities: readonly string[]): readonly Place[] {
  if (cities.length === 0) return RUSSIA;
  const missing = cities.find((city) => !PLACES.some((place) => place.city === city));
  if (missing) throw new Error(`${missing} is not in RU_PLACES`);
  return PLACES.filter((place) => cities.includes(place.city));
}

/**
 * Names of one kind, and where a company so named is: a name that speaks of a Russian region or city is there
 * («Тульский приборный завод» in Тула), any other anywhere. `form` is the legal form when it is part of the
 * name's identity (see the retail chains), or null when it is drawn separately.
 */
interface NamePart {
  space: NameSpace;
  places: readonly Place[];
  form: string | null;
}

const anywhere = (space: NameSpace): NamePart => ({ space, places: PLACES, form: null });
const inRussia = (space: NameSpace): NamePart => ({ space, places: RUSSIA, form: null });

/** «Уральский … завод», with the adjective agreeing with the nouns' gender, each where its adjective says. */
function byAdjective(gender: "m" | "f" | "n", nouns: readonly string[]): NamePart[] {
  return Object.entries(PLACE_ADJECTIVES).map(([adjective, cities]) => ({
    space: product(
      " ",
      gender === "m" ? adjective : adjective.replace(/(ый|ий|ой)$/, gender === "f" ? "ая" : "ое"),
      nouns,
    ),
    places: placesIn(cities),
    form: null,
  }));
}

/** The names a level draws from, as one numbered space over its parts. */
export class LevelNames {
  readonly size: number;
  private readonly ends: number[] = [];

  constructor(readonly parts: readonly NamePart[]) {
    let size = 0;
    for (const part of parts) {
      size += part.space.size;
      this.ends.push(size);
    }
    this.size = size;
  }

  /** The part holding name `index`, and the name (without a separately drawn legal form). */
  at(index: number): { part: NamePart; name: string } {
    let low = 0;
    let high = this.ends.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (index < (this.ends[middle] as number)) high = middle;
      else low = middle + 1;
    }
    const part = this.parts[low] as NamePart;
    return { part, name: part.space.at(index - ((this.ends[low] as number) - part.space.size)) };
  }
}

const RETAIL_BRANDS = product(
  "",
  [
    "Электро",
    "Техно",
    "Цифро",
    "Мега",
    "Гига",
    "Видео",
    "Аудио",
    "Теле",
    "Радио",
    "Смарт",
    "Медиа",
    "Инфо",
    "Фото",
    "Супер",
    "Макси",
    "Гипер",
  ],
  [
    "маркет",
    "мир",
    "град",
    "дом",
    "сити",
    "порт",
    "плюс",
    "точка",
    "зона",
    "лэнд",
    "холл",
    "парк",
    "сфера",
    "стиль",
    "лайн",
    "бум",
    "шоп",
  ],
);
/** Single-word cities only: «Техномаркет-Казань», not «Техномаркет-Ростов-на-Дону». */
const CITY_TAILS = [...new Set(PLACES.map((place) => place.city))].filter((city) =>
  /^[А-ЯЁ][а-яё]+$/.test(city),
);

/**
 * A retail chain is ООО or АО in about equal numbers, so the form can be part of the name's number: that
 * doubles the names, which the many chains (a quarter of all companies) need.
 */
function withRetailForms(parts: NamePart[]): NamePart[] {
  return ["ООО", "АО"].flatMap((form) => parts.map((part) => ({ ...part, form })));
}

/**
 * The names of each level from 0 to 3. No two parts, of one level or of two, hold the same name (a test
 * checks), so a name recurs only when its level's deck starts again: each level has several times its share
 * of 100,000 companies.
 */
export const COMPANY_NAMES: readonly LevelNames[] = [
  // Factories
  new LevelNames([
    inRussia(
      product("", REGION_STEMS, [
        "электроника",
        "микроэлектроника",
        "электроприбор",
        "прибор",
        "радиоприбор",
        "радиотехника",
        "электротехника",
        "техприбор",
        "элемент",
        "оптика",
        "электромаш",
        "приборстрой",
        "кабель",
      ]),
    ),
    ...byAdjective("m", [
      "приборостроительный завод",
      "радиотехнический завод",
      "электротехнический завод",
      "кабельный завод",
      "оптико-механический завод",
      "электромеханический завод",
      "радиозавод",
      "завод электроники",
      "завод радиодеталей",
      "завод измерительных приборов",
      "завод печатных плат",
      "завод микросхем",
      "завод источников питания",
      "завод бытовой электроники",
      "электроламповый завод",
    ]),
    ...byAdjective("f", [
      "приборостроительная корпорация",
      "электронная компания",
      "радиотехническая компания",
      "приборостроительная компания",
      "микроэлектронная компания",
      "электротехническая корпорация",
    ]),
    ...byAdjective("n", [
      "научно-производственное объединение",
      "производственное объединение",
      "конструкторское бюро",
    ]),
    anywhere(product("-", FIRM_WORDS, ["Электроника", "Прибор", "Электро", "Микроэлектроника", "Техприбор"])),
  ]),
  // Distributors
  new LevelNames([
    inRussia(
      product("", REGION_STEMS, [
        "снаб",
        "комплект",
        "торг",
        "трейд",
        "опт",
        "импорт",
        "сбыт",
        "поставка",
        "электроснаб",
        "техснаб",
        "электроторг",
        "радиоторг",
        "электрокомплект",
      ]),
    ),
    anywhere(
      product("", TRADE_STEMS, ["снаб", "комплект", "торг", "трейд", "опт", "импорт", "сбыт", "поставка"]),
    ),
    anywhere(
      product("-", FIRM_WORDS, [
        "Трейд",
        "Снаб",
        "Комплект",
        "Логистик",
        "Импорт",
        "Опт",
        "Групп",
        "Дистрибуция",
        "Поставка",
        "Дистрибьюшн",
        "Логистикс",
        "Трейдинг",
        "Снабжение",
      ]),
    ),
    anywhere(product(" ", surnames("male"), "и партнёры")),
    anywhere(product(" ", "Торговый дом", surnames("pluralGenitive"))),
    anywhere(product(" ", "Братья", surnames("plural"))),
    ...byAdjective("m", [
      "торговый дом",
      "дистрибьютор электроники",
      "оптовый центр",
      "логистический центр",
      "терминал",
      "дистрибьюторский центр",
    ]),
    ...byAdjective("f", [
      "торговая компания",
      "дистрибьюторская компания",
      "логистическая компания",
      "снабженческая компания",
      "оптовая компания",
      "торговая группа",
    ]),
  ]),
  // Dealerships
  new LevelNames([
    inRussia(product("-", FIRM_WORDS, REGION_TAILS)),
    anywhere(
      product("-", FIRM_WORDS, [
        "Сервис",
        "Техцентр",
        "Центр",
        "Техно",
        "Дилер",
        "Эксперт",
        "Плюс",
        "Профи",
        "Мастер",
      ]),
    ),
    inRussia(
      product("", REGION_STEMS, ["техсервис", "электросервис", "техцентр", "сервис", "цифра", "техно"]),
    ),
    ...byAdjective("m", [
      "цифровой центр",
      "сервисный центр",
      "дилерский центр",
      "компьютерный центр",
      "мобильный центр",
      "технический центр",
      "салон электроники",
      "центр электроники",
      "центр цифровой техники",
      "салон связи",
      "центр бытовой техники",
    ]),
    ...byAdjective("f", ["сервисная компания", "дилерская компания", "техническая компания"]),
    anywhere(product(" ", ["Сервисный центр", "Техноцентр", "Дилерский центр"], surnames("genitive"))),
  ]),
  // Retail chains
  new LevelNames(
    withRetailForms([
      anywhere(RETAIL_BRANDS),
      inRussia(product("-", RETAIL_BRANDS, REGION_TAILS)),
      ...CITY_TAILS.map((city) => ({
        space: product("-", RETAIL_BRANDS, city),
        places: placesIn([city]),
        form: null,
      })),
      anywhere(
        product(
          " ",
          [
            "Мир",
            "Планета",
            "Город",
            "Дом",
            "Территория",
            "Страна",
            "Галактика",
            "Остров",
            "Империя",
            "Квартал",
            "Вселенная",
            "Республика",
          ],
          [
            "техники",
            "электроники",
            "гаджетов",
            "цифры",
            "звука",
            "связи",
            "смартфонов",
            "ноутбуков",
            "телевизоров",
            "компьютеров",
          ],
        ),
      ),
      ...byAdjective("f", ["торговая сеть", "сеть магазинов электроники", "сеть салонов связи"]),
    ]),
  ),
];

/** «Фамилия И. О.»: a gendered surname with the initials of a name and of a patronymic (from a man's name). */
export const ENTREPRENEUR_NAMES = union(
  product(" ", surnames("male"), initials(MALE_FIRST_NAMES), initials(MALE_FIRST_NAMES)),
  product(" ", surnames("female"), initials(FEMALE_FIRST_NAMES), initials(MALE_FIRST_NAMES)),
);

function pickFormFor(level: number, random: Random): string {
  const forms = LEGAL_FORMS[level] as (typeof LEGAL_FORMS)[number];
  let roll = random.next();
  for (const [form, share] of forms) {
    roll -= share;
    if (roll < 0) return form;
  }
  return (forms[0] as (typeof forms)[number])[0];
}

function russianCompanyNamer(): CompanyNamer {
  const decks = COMPANY_NAMES.map((names) => new Deck(names.size));
  const entrepreneurs = new Deck(ENTREPRENEUR_NAMES.size);
  return (level, random) => {
    if (level === ENTREPRENEUR_LEVEL) {
      return {
        name: `ИП ${ENTREPRENEUR_NAMES.at(entrepreneurs.draw(random))}`,
        domain: random.pick(PERSONAL_MAIL),
        place: random.pick(PLACES),
      };
    }
    const { part, name } = (COMPANY_NAMES[level] as LevelNames).at((decks[level] as Deck).draw(random));
    const place = random.pick(part.places);
    return {
      name: `${part.form ?? pickFormFor(level, random)} «${name}»`,
      domain: `${slug(name)}.${place.tld}`,
      place,
    };
  };
}

/** «12», «15А», «7к2» (a building of the house), «12/3» (a corner house on two streets). */
function russianHouseNumber(random: Random): string {
  const number = random.int(1, 150);
  const roll = random.next();
  if (roll < 0.12) return `${number}${"АБВ"[random.int(0, 2)]}`;
  if (roll < 0.24) return `${number}к${random.int(1, 4)}`;
  if (roll < 0.3) return `${number}/${random.int(1, 9)}`;
  return String(number);
}

/**
 * Russian test data from the curated lists alone (no faker): the words contain no tab, newline or backslash,
 * so they need no COPY escaping.
 */
export function buildRussianPools(seed: number): Pools {
  // A stream of its own: the generator's Random(seed) would otherwise replay these very numbers.
  const random = new Random(seed ^ 0x5bd1e995);
  const people: Person[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const male = i % 2 === 0;
    const firstName = random.pick(male ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES);
    const surname = random.pick(SURNAME_FORMS);
    const lastName = male ? surname.male : surname.female;
    people.push({ firstName, lastName, emailName: `${transliterate(firstName)}.${transliterate(lastName)}` });
  }
  return {
    language: "ru",
    people,
    newCompanyNamer: russianCompanyNamer,
    houseNumber: russianHouseNumber,
  };
}
