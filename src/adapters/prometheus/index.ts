export {
  createPrometheusClient,
  type InstantQuery,
  type PrometheusClient,
  type PrometheusClientOptions,
  type RangeQuery,
} from './prometheus-client.ts';
export type {
  InstantSeries,
  MatrixResult,
  QueryResult,
  RangeSeries,
  Sample,
  VectorResult,
} from './prometheus-result.ts';
