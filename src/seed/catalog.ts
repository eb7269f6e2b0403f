/** The electronics every test network sells; `import-test-data` adds the missing ones to `products`. */
export interface CatalogProduct {
  name: string;
  model: string;
  releaseDate: string;
}

export const PRODUCT_CATALOG: readonly CatalogProduct[] = [
  { name: "Smartphone", model: "Galaxy S24", releaseDate: "2024-01-31" },
  { name: "Smartphone", model: "iPhone 15", releaseDate: "2023-09-22" },
  { name: "Smartphone", model: "Pixel 8", releaseDate: "2023-10-12" },
  { name: "Smartphone", model: "Redmi Note 13", releaseDate: "2024-01-15" },
  { name: "Laptop", model: "MacBook Air M3", releaseDate: "2024-03-08" },
  { name: "Laptop", model: "ThinkPad X1 Carbon Gen 12", releaseDate: "2024-04-02" },
  { name: "Laptop", model: "XPS 13 9340", releaseDate: "2024-02-20" },
  { name: "Laptop", model: "ZenBook 14 OLED", releaseDate: "2023-11-05" },
  { name: "Tablet", model: "iPad Air 6", releaseDate: "2024-05-15" },
  { name: "Tablet", model: "Galaxy Tab S9", releaseDate: "2023-08-11" },
  { name: "TV", model: "Bravia XR A80L", releaseDate: "2023-04-01" },
  { name: "TV", model: "OLED C3", releaseDate: "2023-03-20" },
  { name: "TV", model: "QN90C Neo QLED", releaseDate: "2023-03-15" },
  { name: "Headphones", model: "WH-1000XM5", releaseDate: "2022-05-20" },
  { name: "Headphones", model: "AirPods Pro 2", releaseDate: "2022-09-23" },
  { name: "Headphones", model: "QuietComfort Ultra", releaseDate: "2023-10-05" },
  { name: "Smartwatch", model: "Apple Watch Series 9", releaseDate: "2023-09-22" },
  { name: "Smartwatch", model: "Galaxy Watch 6", releaseDate: "2023-08-11" },
  { name: "Game console", model: "PlayStation 5 Slim", releaseDate: "2023-11-10" },
  { name: "Game console", model: "Xbox Series X", releaseDate: "2020-11-10" },
  { name: "Game console", model: "Switch OLED", releaseDate: "2021-10-08" },
  { name: "Camera", model: "Alpha 7 IV", releaseDate: "2021-12-17" },
  { name: "Camera", model: "EOS R6 Mark II", releaseDate: "2022-12-08" },
  { name: "Monitor", model: "UltraSharp U2723QE", releaseDate: "2022-06-01" },
  { name: "Monitor", model: "Odyssey G7", releaseDate: "2021-09-01" },
  { name: "Router", model: "Archer AX73", releaseDate: "2021-03-10" },
  { name: "E-reader", model: "Kindle Paperwhite 5", releaseDate: "2021-10-27" },
  { name: "Speaker", model: "SoundLink Flex", releaseDate: "2021-10-07" },
  { name: "Speaker", model: "Yandex Station Max", releaseDate: "2020-08-20" },
  { name: "Vacuum robot", model: "Roborock S8", releaseDate: "2023-03-28" },
];
