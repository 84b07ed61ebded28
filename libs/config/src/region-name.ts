/** A region name as AWS spells them: `us-east-1`, `eu-central-2`, `us-gov-west-1`. */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;
