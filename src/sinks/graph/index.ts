export { alertExpression, generatorExpression } from './alert-expression.ts';
export {
  type AlertGraph,
  type AlertGraphDeps,
  type AlertGraphSvg,
  renderAlertGraph,
  renderAlertGraphSvg,
} from './render-alert-graph.ts';
