import { useCallback } from "react";
import { Pagination, type PaginationProps, useListContext, useLocale, useTranslate } from "react-admin";

/** What dataProvider.getList says of a page beside its rows. */
interface ListMeta {
  countIsEstimate?: boolean;
}

/**
 * react-admin's pagination, except that a total the API only estimated (count_is_estimate: an unfiltered list
 * of more than 100,000 rows) reads as approximate, "1-25 of ≈ 1,000,000", since the exact figure would cost a
 * count of every row on each page.
 */
export function ListPagination(props: PaginationProps) {
  const { meta } = useListContext();
  const translate = useTranslate();
  const locale = useLocale();
  const estimated = (meta as ListMeta | undefined)?.countIsEstimate === true;
  const estimatedRange = useCallback(
    ({ from, to, count }: { from: number; to: number; count: number }) =>
      translate("app.estimated_range", {
        offsetBegin: from,
        offsetEnd: to,
        total: new Intl.NumberFormat(locale).format(count),
      }),
    [translate, locale],
  );
  return <Pagination {...props} {...(estimated && { labelDisplayedRows: estimatedRange })} />;
}
