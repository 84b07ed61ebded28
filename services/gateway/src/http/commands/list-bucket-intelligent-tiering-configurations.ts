import { unkeptConfigurationListRead } from '../../s3/unkept-configuration';

/** ListBucketIntelligentTieringConfigurations: `GET /<bucket>?intelligent-tiering`, and GetBucketIntelligentTieringConfiguration (`&id=`), authorized as s3:GetIntelligentTieringConfiguration. Strongroom keeps no S3 Intelligent-Tiering configurations: an empty list, and NoSuchConfiguration for any id. */
export const listBucketIntelligentTieringConfigurations = unkeptConfigurationListRead('s3:GetIntelligentTieringConfiguration', 'ListBucketIntelligentTieringConfigurationsOutput');
