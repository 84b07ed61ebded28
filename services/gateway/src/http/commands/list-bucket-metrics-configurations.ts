import { unkeptConfigurationListRead } from '../../s3/unkept-configuration';

/** ListBucketMetricsConfigurations: `GET /<bucket>?metrics`, and GetBucketMetricsConfiguration (`&id=`), authorized as s3:GetMetricsConfiguration. Strongroom keeps no request metrics configurations: an empty list, and NoSuchConfiguration for any id. */
export const listBucketMetricsConfigurations = unkeptConfigurationListRead('s3:GetMetricsConfiguration', 'ListMetricsConfigurationsResult');
