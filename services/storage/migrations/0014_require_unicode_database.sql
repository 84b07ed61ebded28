-- Object keys are Unicode, and listings bound their windows with U+10FFFF
-- (key-order.ts). A database that keeps text as UTF-8 (or as the bytes it
-- is given: SQL_ASCII) holds every key and orders keys as S3 does; in any
-- other encoding (LATIN1, say) every listing and most keys would fail,
-- request by request. Storage refuses such a database when it starts.
DO $$
BEGIN
  IF current_setting('server_encoding') NOT IN ('UTF8', 'SQL_ASCII') THEN
    RAISE EXCEPTION 'storage needs a database in UTF8 encoding, and this one is in %', current_setting('server_encoding')
      USING HINT = 'create it with ENCODING ''UTF8'' TEMPLATE template0';
  END IF;
END
$$;
