-- The unique ids of the IAM users a bucket policy's Principal elements name,
-- recorded when the policy is put, as AWS does: a JSON object from each user
-- ARN, as written, to the user_id it named (null: no user had that name).
-- A bound ARN names only that user, never one re-created with the same name.
-- NULL, or an ARN missing from it: not bound yet (a policy put before this
-- column existed, or by a replica that does not know it); the policy service
-- binds it to the users of that name when it first loads the policy.
ALTER TABLE policy.buckets ADD COLUMN policy_user_ids jsonb;
