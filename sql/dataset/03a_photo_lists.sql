-- Part of the documents phase (see 03_documents.sql): runs on a second connection while
-- 03b_child_lists.sql runs on the control connection, so both cores aggregate. Each list is grouped
-- over input sorted by (parent, id), which fixes the element order (string_agg keeps input order).
CREATE TABLE doc_photo_lists AS
SELECT style_id,
       '[' || string_agg(concat('{"thumbnail_url":', to_json(thumbnail_url), ',"url":', to_json(url), '}'), ',')
       || ']' AS photos
FROM (SELECT * FROM photo ORDER BY style_id, id) p
GROUP BY style_id;
