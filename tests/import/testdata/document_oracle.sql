-- Test oracle: the SQL document builder the importer used before it built documents in C++
-- (sql/dataset/03b_child_lists.sql, 03a_photo_lists.sql, 03_documents.sql as of commit b68a117).
-- document_oracle_test.cpp runs it with search_path = oracle, atelier and compares its
-- product_document with the importer's byte for byte.
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
CREATE TABLE doc_photo_lists AS
SELECT style_id,
       '[' || string_agg(concat('{"thumbnail_url":', to_json(thumbnail_url), ',"url":', to_json(url), '}'), ',')
       || ']' AS photos
FROM (SELECT * FROM photo ORDER BY style_id, id) p
GROUP BY style_id;
-- Fills product_document: the exact JSON each route returns, one row per product, built by string
-- concatenation with to_json() escaping (json_build_object/json_agg add spaces and newlines, and
-- jsonb reorders keys; clients see these bytes). Each child table is aggregated once per parent
-- with GROUP BY over input sorted by (parent, id) and joined by id, which beats correlated subqueries.
-- The aggregates take their order from the sorted subquery rather than string_agg(... ORDER BY id):
-- on PostgreSQL 15 an ordered aggregate runs a separate sort per group, measured 1.75x slower at
-- full scale; string_agg has no parallel/partial mode on 15, so input order is preserved.
-- The photo, sku, feature and related lists are built first into doc_* tables by 03a_photo_lists.sql
-- and 03b_child_lists.sql on two connections at once (the importer runs them concurrently), then
-- joined here and dropped.
-- created_at/updated_at are the import's start time, set by the importer as atelier.import_timestamp.
--
-- What the routes serve: one precomputed JSON document per product and route, so every request is
-- one primary-key (or rank-range) lookup. rank is the 1-based position in id order: page p of size c
-- is ranks (p-1)*c+1 .. p*c, an index range scan however deep the page.
-- The table is created here with CREATE TABLE AS rather than filled by INSERT ... SELECT: a table
-- created in the same transaction is not WAL-logged under wal_level=minimal and skips the per-row
-- insert path. Columns: product_id integer, rank integer, then the four documents as text, all NOT NULL.
CREATE TABLE product_document (product_id, rank, summary_json, product_json, styles_json, related_json) AS
WITH stamp AS (
  SELECT to_json(current_setting('atelier.import_timestamp'))::text AS at
),
style_lists AS (
  SELECT product_id,
         string_agg(concat('{"style_id":', id, ',"name":', to_json(name), ',"original_price":"', original_price,
                           '","sale_price":', coalesce('"' || sale_price || '"', 'null'), ',"default?":', is_default::text,
                           ',"photos":', coalesce(photos, '[]'), ',"skus":', coalesce(skus, '{}'), '}'), ',') AS styles
  FROM (SELECT s.*, p.photos, k.skus
        FROM style s
        LEFT JOIN doc_photo_lists p ON p.style_id = s.id
        LEFT JOIN doc_sku_maps k ON k.style_id = s.id
        ORDER BY s.product_id, s.id) s
  GROUP BY product_id
),
summaries AS (
  SELECT p.id,
         row_number() OVER (ORDER BY p.id) AS rank,
         concat('{"id":', p.id, ',"campus":"hr-rfp","name":', to_json(p.name), ',"slogan":', to_json(p.slogan),
                ',"description":', to_json(p.description), ',"category":', to_json(p.category),
                ',"default_price":"', p.default_price, '","created_at":', stamp.at, ',"updated_at":', stamp.at) AS head
  FROM product p CROSS JOIN stamp
)
SELECT s.id,
       s.rank::integer,
       s.head || '}',
       concat(s.head, ',"features":', coalesce(f.features, '[]'), '}'),
       concat('{"product_id":"', s.id, '","results":[', st.styles, ']}'),
       coalesce(r.related, '[]')
FROM summaries s
LEFT JOIN doc_feature_lists f ON f.product_id = s.id
LEFT JOIN style_lists st ON st.product_id = s.id
LEFT JOIN doc_related_lists r ON r.product_id = s.id;

ALTER TABLE product_document
  ALTER rank SET NOT NULL, ALTER summary_json SET NOT NULL, ALTER product_json SET NOT NULL,
  ALTER styles_json SET NOT NULL, ALTER related_json SET NOT NULL, ADD PRIMARY KEY (product_id);
CREATE UNIQUE INDEX product_document_rank ON product_document (rank);
DROP TABLE doc_photo_lists, doc_sku_maps, doc_feature_lists, doc_related_lists;
