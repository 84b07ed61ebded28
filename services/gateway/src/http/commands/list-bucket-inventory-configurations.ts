import { unkeptConfigurationListRead } from '../../s3/unkept-configuration';

/** ListBucketInventoryConfigurations: `GET /<bucket>?inventory`, and GetBucketInventoryConfiguration (`&id=`), authorized as s3:GetInventoryConfiguration. Strongroom keeps no inventory configurations: an empty list, and NoSuchConfiguration for any id. */
export const listBucketInventoryConfigurations = unkeptConfigurationListRead('s3:GetInventoryConfiguration', 'ListInventoryConfigurationsResult');
