import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLocale } from "../../i18n";
import { dirOf } from "../../i18n/locales";

type EChartsLib = typeof import("./echarts-lib");
let lib: Promise<EChartsLib> | null = null;
/** Loaded on the first chart, once. */
const loadLib = () => {
  lib ??= import("./echarts-lib");
  return lib;
};

export interface Bar {
  label: string;
  value: number;
  /** Said on the bar; the value itself when absent. */
  text?: string;
  color?: string;
}

interface Props {
  /** What the chart shows, for screen readers (its numbers are in the table or text next to it). */
  label: string;
  bars: Bar[];
  /** Bars along the inline axis (choices, questions) instead of columns (a 0–10 scale). */
  horizontal?: boolean;
}

const PRIMARY = "#1d4ed8";

/**
 * A bar chart drawn by ECharts once its code has loaded. Mirrored for right-to-left languages.
 * The chart is a picture for sighted readers only: the same figures are always on the page as
 * text or a table, which screen readers and people copying numbers use instead.
 */
export function BarChart({ label, bars, horizontal = false }: Props) {
  const { i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const rtl = dirOf(currentLocale()) === "rtl";

  // Callers build `bars` on each render: redraw only when what they say changed.
  const key = JSON.stringify(bars);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `bars`
  useEffect(() => {
    let disposed = false;
    let chart: ReturnType<EChartsLib["init"]> | null = null;
    let observer: ResizeObserver | null = null;
    loadLib()
      .then(({ init }) => {
        if (disposed || !box.current) return;
        chart = init(box.current, undefined, { renderer: "canvas" });
        const font = getComputedStyle(document.body).fontFamily;
        const categories = bars.map((b) => b.label);
        const data = bars.map((b) => ({ value: b.value, itemStyle: { color: b.color ?? PRIMARY } }));
        const category = { type: "category" as const, data: categories, inverse: horizontal ? true : rtl, axisLabel: { fontFamily: font } };
        // Head room past the longest bar, so the figure said at its end is never clipped.
        const top = Math.max(1, ...bars.map((b) => b.value));
        const value = { type: "value" as const, minInterval: 1, max: horizontal ? Math.ceil(top * 1.35) : Math.ceil(top * 1.15), inverse: horizontal && rtl, position: rtl ? ("right" as const) : ("left" as const), axisLabel: { fontFamily: font } };
        chart.setOption({
          animation: false,
          textStyle: { fontFamily: font },
          grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
          tooltip: { trigger: "item" },
          xAxis: horizontal ? { ...value, position: "bottom" } : category,
          yAxis: horizontal ? { ...category, position: rtl ? "right" : "left" } : value,
          series: [
            {
              type: "bar",
              data,
              barMaxWidth: 36,
              label: {
                show: true,
                position: horizontal ? (rtl ? "left" : "right") : "top",
                formatter: (p: { dataIndex: number }) => bars[p.dataIndex]?.text ?? String(bars[p.dataIndex]?.value ?? ""),
                fontFamily: font,
              },
            },
          ],
        });
        observer = new ResizeObserver(() => chart?.resize());
        observer.observe(box.current);
      })
      .catch(() => !disposed && setFailed(true));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [key, horizontal, rtl, i18n.language]);

  if (failed) return null;
  const height = horizontal ? Math.max(120, bars.length * 36 + 40) : 220;
  return <div ref={box} className="fb-chart" role="img" aria-label={label} style={{ blockSize: `${height}px` }} />;
}
