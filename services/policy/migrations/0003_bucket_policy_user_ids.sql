-- The unique ids of the IAM users a bucket policy's Principal elements name,
-- recorded when the policy is put, as AWS does: a JSON object from each user
-- ARN, as written, to the user_id it named (null: no user had that name).
-- A bound ARN names only that user, never one re-created with the same name.
-- NULL, or an ARN missing from it: not bound yet (a policy put before this
-- column existed, or by a replica that does not know it); the policy service
-- binds it to the users of that name when it first loads the policy.
ALTER TABLE policy.buckets ADD COLUMN policy_user_ids jsonb;

-- A policy put by a replica that does not know the column leaves the ids of
-- the policy it replaced in place, which could bind a Deny's ARN to a user
-- since re-created: when the policy changes and its ids do not, they are
-- cleared, so that the new policy is bound when it is first loaded.
CREATE FUNCTION policy.clear_replaced_policy_user_ids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.policy_user_ids IS NOT DISTINCT FROM OLD.policy_user_ids THEN
    NEW.policy_user_ids := NULL;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER clear_replaced_policy_user_ids BEFORE UPDATE OF policy ON policy.buckets
  FOR EACH ROW WHEN (NEW.policy IS DISTINCT FROM OLD.policy)
  EXECUTE FUNCTION policy.clear_replaced_policy_user_ids();
