import { useTheme } from "@mui/material/styles";
import Typography from "@mui/material/Typography";
import { useCallback, useState } from "react";
import { useTranslate } from "react-admin";
import { useFormats } from "./format";

/** A day's money value: an exact decimal string ("1234.56"), held until the next point's day. */
export interface ChartPoint {
  day: string;
  value: string;
}

const HEIGHT = 240;
const MARGIN = { top: 12, right: 20, bottom: 30, left: 12 };
const FONT_SIZE = 12;
/** Enough for a character of a money label in the system font at FONT_SIZE, digits and spaces alike. */
const CHAR_WIDTH = 7.2;
const Y_TICKS = 4;
const X_TICKS = 5;
/** Room for a date label ("3 дек. 2026 г."), so that a narrow chart shows fewer of them rather than overlap them. */
const X_TICK_WIDTH = 120;
const DAY_MS = 86_400_000;

/**
 * Money as whole kopecks, exactly: the axis is laid out in BigInt, so that its labels are exact decimals
 * (a tick of 0.30 is "0.30", never 0.30000000000000004) whatever the size of the debt.
 */
function kopecks(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{0,2}))?/.exec(value.trim());
  if (!match) return 0n;
  const whole = BigInt(match[2] ?? "0") * 100n + BigInt((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -whole : whole;
}

function moneyString(value: bigint): string {
  const size = value < 0n ? -value : value;
  return `${value < 0n ? "-" : ""}${size / 100n}.${String(size % 100n).padStart(2, "0")}`;
}

/** The smallest 1, 2 or 5 × 10ⁿ kopecks that covers the span in Y_TICKS steps. */
function niceStep(span: bigint): bigint {
  for (let power = 1n; ; power *= 10n) {
    for (const mantissa of [1n, 2n, 5n]) {
      if (mantissa * power * BigInt(Y_TICKS) >= span) return mantissa * power;
    }
  }
}

const floorTo = (value: bigint, step: bigint) => {
  const rest = value % step;
  return rest < 0n ? value - rest - step : value - rest;
};
const ceilTo = (value: bigint, step: bigint) => {
  const rest = value % step;
  return rest > 0n ? value - rest + step : value - rest;
};

/** The smallest and the largest value, and zero unless left out (Math.min and Math.max take no BigInt). */
function extent(values: bigint[], withZero = true) {
  let [low, high] = withZero ? [0n, 0n] : [values[0] ?? 0n, values[0] ?? 0n];
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return { low, high };
}

/** Round steps from zero (or below it) to above the largest value. */
function moneyAxis(values: bigint[]) {
  const { low, high: largest } = extent(values);
  const high = largest === low ? low + 100n : largest;
  const step = niceStep(high - low);
  const from = floorTo(low, step);
  const to = ceilTo(high, step);
  const ticks: bigint[] = [];
  for (let tick = from; tick <= to; tick += step) ticks.push(tick);
  return { from, to, ticks };
}

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Evenly spread days of the range, its first and last included, for the x-axis labels. */
function dayTicks(first: number, last: number, width: number): number[] {
  const count = Math.min(X_TICKS, Math.floor(width / X_TICK_WIDTH) + 1, last - first + 1);
  if (count <= 1) return [first];
  return [
    ...new Set(
      Array.from({ length: count }, (_, i) => first + Math.round((i * (last - first)) / (count - 1))),
    ),
  ];
}

/** The width the chart is given, so that its text is drawn at its own size rather than scaled. */
function useWidth(fallback: number) {
  const [width, setWidth] = useState(fallback);
  // A callback ref: the chart's element appears only once there are points, after a first empty render.
  const ref = useCallback((element: HTMLDivElement | null) => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * A debt over time as a step line: each point is the debt at the end of its day, and it holds until the next
 * point. Drawn as plain SVG (no chart library, nothing inline to run under the CSP); one marker per point.
 * Screen readers get the summary in the image's name: the range, the first and last value and the largest.
 */
export function DebtChart({ title, points }: { title: string; points: ChartPoint[] }) {
  const translate = useTranslate();
  const { money, count, calendarDate } = useFormats();
  const theme = useTheme();
  const { ref, width } = useWidth(720);

  if (points.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>
        {translate("app.debt_chart.empty")}
      </Typography>
    );
  }

  const values = points.map((point) => kopecks(point.value));
  const axis = moneyAxis(values);
  const yLabels = axis.ticks.map((tick) => money(moneyString(tick)));
  const left = MARGIN.left + Math.max(...yLabels.map((label) => label.length)) * CHAR_WIDTH;
  const plotWidth = Math.max(width - left - MARGIN.right, 1);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const days = points.map((point) => dayNumber(point.day));
  const firstDay = days[0] as number;
  const lastDay = days[days.length - 1] as number;
  const x = (day: number) =>
    lastDay === firstDay
      ? left + plotWidth / 2
      : left + ((day - firstDay) / (lastDay - firstDay)) * plotWidth;
  // Only the position is a float; every label above is drawn from the exact values.
  const y = (value: bigint) =>
    MARGIN.top + (Number(axis.to - value) / Number(axis.to - axis.from)) * plotHeight;

  const path = points
    .map((_, i) => {
      const [px, py] = [x(days[i] as number), y(values[i] as bigint)];
      return i === 0 ? `M${px},${py}` : `H${px}V${py}`;
    })
    .join("");
  const line = lastDay === firstDay ? `M${left},${y(values[0] as bigint)}h${plotWidth}` : path;

  const largest = extent(values, false).high;
  const summary = translate("app.debt_chart.summary", {
    smart_count: points.length,
    count: count(points.length),
    title,
    from: calendarDate(points[0]?.day),
    to: calendarDate(points[points.length - 1]?.day),
    first: money(points[0]?.value),
    last: money(points[points.length - 1]?.value),
    max: money(moneyString(largest)),
  });
  const dense = points.length > 60;

  return (
    <div ref={ref} style={{ width: "100%" }}>
      <svg
        role="img"
        aria-label={summary}
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        data-testid="debt-chart"
        style={{ display: "block", fontFamily: theme.typography.fontFamily, fontSize: FONT_SIZE }}
      >
        {axis.ticks.map((tick, i) => (
          <g key={String(tick)}>
            <line
              x1={left}
              x2={left + plotWidth}
              y1={y(tick)}
              y2={y(tick)}
              stroke={theme.palette.divider}
              strokeWidth={1}
            />
            <text
              x={left - 6}
              y={y(tick)}
              textAnchor="end"
              dominantBaseline="middle"
              fill={theme.palette.text.secondary}
            >
              {yLabels[i]}
            </text>
          </g>
        ))}
        {dayTicks(firstDay, lastDay, plotWidth).map((day, i, all) => (
          <text
            key={day}
            x={x(day)}
            y={HEIGHT - MARGIN.bottom + 18}
            textAnchor={
              all.length === 1 ? "middle" : i === 0 ? "start" : i === all.length - 1 ? "end" : "middle"
            }
            fill={theme.palette.text.secondary}
          >
            {calendarDate(isoDay(day))}
          </text>
        ))}
        <path d={line} fill="none" stroke={theme.palette.primary.main} strokeWidth={2} />
        {points.map((point, i) => (
          <circle
            key={point.day}
            data-day={point.day}
            cx={x(days[i] as number)}
            cy={y(values[i] as bigint)}
            r={dense ? 2 : 3.5}
            fill={theme.palette.primary.main}
          >
            <title>{`${calendarDate(point.day)}: ${money(point.value)}`}</title>
          </circle>
        ))}
      </svg>
    </div>
  );
}
