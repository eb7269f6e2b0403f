import type { SeedLocale } from "./types.js";

/** The electronics every test network sells; `import-test-data` adds the missing ones to `products`. */
export interface CatalogProduct {
  /** The kind of product, in the locale's words. */
  name: string;
  /** Brand and model as they are sold, the same in every language. */
  model: string;
  releaseDate: string;
}

/** In English; see catalogFor for another locale. */
export const PRODUCT_CATALOG: readonly CatalogProduct[] = [
  { name: "Smartphone", model: "Samsung Galaxy S24", releaseDate: "2024-01-31" },
  { name: "Smartphone", model: "Apple iPhone 15", releaseDate: "2023-09-22" },
  { name: "Smartphone", model: "Google Pixel 8", releaseDate: "2023-10-12" },
  { name: "Smartphone", model: "Redmi Note 13", releaseDate: "2024-01-15" },
  { name: "Laptop", model: "Apple MacBook Air M3", releaseDate: "2024-03-08" },
  { name: "Laptop", model: "Lenovo ThinkPad X1 Carbon Gen 12", releaseDate: "2024-04-02" },
  { name: "Laptop", model: "Dell XPS 13 9340", releaseDate: "2024-02-20" },
  { name: "Laptop", model: "ASUS Zenbook 14 OLED", releaseDate: "2023-11-05" },
  { name: "Tablet", model: "Apple iPad Air 6", releaseDate: "2024-05-15" },
  { name: "Tablet", model: "Samsung Galaxy Tab S9", releaseDate: "2023-08-11" },
  { name: "TV", model: "Sony Bravia XR A80L", releaseDate: "2023-04-01" },
  { name: "TV", model: "LG OLED C3", releaseDate: "2023-03-20" },
  { name: "TV", model: "Samsung QN90C Neo QLED", releaseDate: "2023-03-15" },
  { name: "Headphones", model: "Sony WH-1000XM5", releaseDate: "2022-05-20" },
  { name: "Headphones", model: "Apple AirPods Pro 2", releaseDate: "2022-09-23" },
  { name: "Headphones", model: "Bose QuietComfort Ultra", releaseDate: "2023-10-05" },
  { name: "Smartwatch", model: "Apple Watch Series 9", releaseDate: "2023-09-22" },
  { name: "Smartwatch", model: "Samsung Galaxy Watch 6", releaseDate: "2023-08-11" },
  { name: "Game console", model: "Sony PlayStation 5 Slim", releaseDate: "2023-11-10" },
  { name: "Game console", model: "Microsoft Xbox Series X", releaseDate: "2020-11-10" },
  { name: "Game console", model: "Nintendo Switch OLED", releaseDate: "2021-10-08" },
  { name: "Camera", model: "Sony Alpha 7 IV", releaseDate: "2021-12-17" },
  { name: "Camera", model: "Canon EOS R6 Mark II", releaseDate: "2022-12-08" },
  { name: "Monitor", model: "Dell UltraSharp U2723QE", releaseDate: "2022-06-01" },
  { name: "Monitor", model: "Samsung Odyssey G7", releaseDate: "2021-09-01" },
  { name: "Router", model: "TP-Link Archer AX73", releaseDate: "2021-03-10" },
  { name: "E-reader", model: "Amazon Kindle Paperwhite 5", releaseDate: "2021-10-27" },
  { name: "Speaker", model: "Bose SoundLink Flex", releaseDate: "2021-10-07" },
  { name: "Smart speaker", model: "Yandex Station Max", releaseDate: "2020-08-20" },
  { name: "Vacuum robot", model: "Roborock S8", releaseDate: "2023-03-28" },
];

/** The kinds as a Russian shop names them. */
const RUSSIAN_KINDS: Record<string, string> = {
  Smartphone: "Смартфон",
  Laptop: "Ноутбук",
  Tablet: "Планшет",
  TV: "Телевизор",
  Headphones: "Наушники",
  Smartwatch: "Смарт-часы",
  "Game console": "Игровая консоль",
  Camera: "Фотоаппарат",
  Monitor: "Монитор",
  Router: "Роутер",
  "E-reader": "Электронная книга",
  Speaker: "Портативная колонка",
  "Smart speaker": "Умная колонка",
  "Vacuum robot": "Робот-пылесос",
};
/** A Russian brand is sold under its Russian name at home. */
const RUSSIAN_MODELS: Record<string, string> = { "Yandex Station Max": "Яндекс Станция Макс" };

/** The catalog in a locale's words. */
export function catalogFor(locale: SeedLocale): readonly CatalogProduct[] {
  if (locale === "en") return PRODUCT_CATALOG;
  return PRODUCT_CATALOG.map((product) => ({
    ...product,
    name: RUSSIAN_KINDS[product.name] as string,
    model: RUSSIAN_MODELS[product.model] ?? product.model,
  }));
}
