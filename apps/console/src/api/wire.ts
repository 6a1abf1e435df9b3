/**
 * The answers of the read APIs under the names the page uses. The shapes are declared once, in
 * libs/api-types, for the server's mappers and this bundle alike (declarations only: nothing of
 * the server reaches the browser).
 */
export type {
  AgencyDto as Agency,
  CompareDto as Compare,
  ConnectionDto as Connection,
  ConnectionKeyDto as ConnectionKey,
  ConnectionListDto as ConnectionList,
  ConnectionSeriesBucketDto as TrafficBucket,
  ConnectionSeriesDto as TrafficSeries,
  ConnectionState,
  GrowthDto as Growth,
  GrowthIntervalDto as Interval,
  HealthEventDto as HealthEvent,
  SeriesBucketDto as SeriesBucket,
  SeriesDto as Series,
  TrafficIntervalDto as TrafficInterval,
} from '@datashare/api-types';
