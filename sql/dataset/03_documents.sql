-- Fills product_document: the exact JSON each route returns, one row per product, built by string
-- concatenation with to_json() escaping (json_build_object/json_agg add spaces and newlines, and
-- jsonb reorders keys; clients see these bytes). Each child table is aggregated once per parent
-- with GROUP BY and joined by id, which beats correlated subqueries at full scale.
-- created_at/updated_at are the import's start time, set by the importer as atelier.import_timestamp.
INSERT INTO product_document (product_id, rank, summary_json, product_json, styles_json, related_json)
WITH stamp AS (
  SELECT to_json(current_setting('atelier.import_timestamp'))::text AS at
),
feature_lists AS (
  SELECT product_id,
         '[' || string_agg('{"feature":' || to_json(feature)::text || ',"value":'
                           || coalesce(to_json(value)::text, 'null') || '}', ',' ORDER BY id) || ']' AS features
  FROM feature
  GROUP BY product_id
),
photo_lists AS (
  SELECT style_id,
         '[' || string_agg('{"thumbnail_url":' || to_json(thumbnail_url)::text || ',"url":' || to_json(url)::text
                           || '}', ',' ORDER BY id) || ']' AS photos
  FROM photo
  GROUP BY style_id
),
sku_maps AS (
  SELECT style_id,
         '{' || string_agg('"' || id || '":{"quantity":' || quantity || ',"size":' || to_json(size)::text || '}',
                           ',' ORDER BY id) || '}' AS skus
  FROM sku
  GROUP BY style_id
),
style_lists AS (
  SELECT s.product_id,
         string_agg('{"style_id":' || s.id || ',"name":' || to_json(s.name)::text
                    || ',"original_price":"' || s.original_price
                    || '","sale_price":' || coalesce('"' || s.sale_price || '"', 'null')
                    || ',"default?":' || s.is_default
                    || ',"photos":' || coalesce(p.photos, '[]')
                    || ',"skus":' || coalesce(k.skus, '{}') || '}', ',' ORDER BY s.id) AS styles
  FROM style s
  LEFT JOIN photo_lists p ON p.style_id = s.id
  LEFT JOIN sku_maps k ON k.style_id = s.id
  GROUP BY s.product_id
),
related_lists AS (
  SELECT product_id, '[' || string_agg(related_product_id::text, ',' ORDER BY id) || ']' AS related
  FROM related
  GROUP BY product_id
),
summaries AS (
  SELECT p.id,
         row_number() OVER (ORDER BY p.id) AS rank,
         '{"id":' || p.id || ',"campus":"hr-rfp","name":' || to_json(p.name)::text
         || ',"slogan":' || to_json(p.slogan)::text || ',"description":' || to_json(p.description)::text
         || ',"category":' || to_json(p.category)::text || ',"default_price":"' || p.default_price
         || '","created_at":' || stamp.at || ',"updated_at":' || stamp.at AS head
  FROM product p CROSS JOIN stamp
)
SELECT s.id,
       s.rank,
       s.head || '}',
       s.head || ',"features":' || coalesce(f.features, '[]') || '}',
       '{"product_id":"' || s.id || '","results":[' || coalesce(st.styles, '') || ']}',
       coalesce(r.related, '[]')
FROM summaries s
LEFT JOIN feature_lists f ON f.product_id = s.id
LEFT JOIN style_lists st ON st.product_id = s.id
LEFT JOIN related_lists r ON r.product_id = s.id;

ALTER TABLE product_document ADD PRIMARY KEY (product_id);
CREATE UNIQUE INDEX product_document_rank ON product_document (rank);
