import { unkeptConfigurationListRead } from '../../s3/unkept-configuration';

/** ListBucketAnalyticsConfigurations: `GET /<bucket>?analytics`, and GetBucketAnalyticsConfiguration (`&id=`), authorized as s3:GetAnalyticsConfiguration. Strongroom keeps no Storage Class Analysis configurations: an empty list, and NoSuchConfiguration for any id. */
export const listBucketAnalyticsConfigurations = unkeptConfigurationListRead('s3:GetAnalyticsConfiguration', 'ListBucketAnalyticsConfigurationResult');
