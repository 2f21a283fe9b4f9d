import type { SessionResponse } from '../../../bot/schemas/staff-api.ts';

/** Whose page this is, at the head of the console and the counter: the brand's logo when set, its name, the page. */
export function BrandMark({ brand, page }: { brand: SessionResponse['brand']; page: string }) {
  return (
    <strong className="brand">
      {brand.logoUrl && <img className="brand-logo" src={brand.logoUrl} alt="" />}
      <span>{brand.name}</span>
      <span className="brand-page">{page}</span>
    </strong>
  );
}
