/**
 * The parts of Apache ECharts the results page uses, and nothing else: bar charts on a grid,
 * drawn on canvas. Imported only through `import("./echarts-lib")`, so it is a chunk of its own
 * that the rest of the back office never downloads.
 */
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export { init };
