/**
 * The response header a storage upload stream (PutObject, UploadPart) sends,
 * before its response, when its header message set `confirm_before_data`
 * and the write is authorized: the caller may now send the data.
 */
export const DATA_ACCEPTED_HEADER = 'strongroom-data-accepted';
