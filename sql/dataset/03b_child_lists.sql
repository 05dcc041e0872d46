-- Part of the documents phase (see 03_documents.sql): runs on the control connection while
-- 03a_photo_lists.sql runs on a second connection, so both cores aggregate. Each list is grouped
-- over input sorted by (parent, id), which fixes the element order (string_agg keeps input order).
CREATE TABLE doc_sku_maps AS
SELECT style_id,
       '{' || string_agg(concat('"', id, '":{"quantity":', quantity, ',"size":', to_json(size), '}'), ',') || '}'
       AS skus
FROM (SELECT * FROM sku ORDER BY style_id, id) k
GROUP BY style_id;

CREATE TABLE doc_feature_lists AS
SELECT product_id,
       '[' || string_agg(concat('{"feature":', to_json(feature), ',"value":', coalesce(to_json(value)::text, 'null'),
                                '}'), ',') || ']' AS features
FROM (SELECT * FROM feature ORDER BY product_id, id) f
GROUP BY product_id;

CREATE TABLE doc_related_lists AS
SELECT product_id, '[' || string_agg(related_product_id::text, ',') || ']' AS related
FROM (SELECT * FROM related ORDER BY product_id, id) r
GROUP BY product_id;
