-- What the routes serve: one precomputed JSON document per product and route, so every request is
-- one primary-key (or rank-range) lookup. rank is the 1-based position in id order: page p of size c
-- is ranks (p-1)*c+1 .. p*c, an index range scan however deep the page. The importer builds the
-- documents in C++ from the rows it loads (import/document_builder.cpp) and fills this table with
-- one binary COPY FREEZE in the transaction that creates it (no WAL under wal_level=minimal).
CREATE TABLE product_document (
  product_id   integer NOT NULL,
  rank         integer NOT NULL,
  summary_json text    NOT NULL,
  product_json text    NOT NULL,
  styles_json  text    NOT NULL,
  related_json text    NOT NULL
);
-- The planner needs statistics on the keys only; sampling the documents themselves (detoasting
-- 30,000 multi-KB values) would double the ANALYZE that follows the COPY.
ALTER TABLE product_document
  ALTER summary_json SET STATISTICS 0, ALTER product_json SET STATISTICS 0,
  ALTER styles_json SET STATISTICS 0, ALTER related_json SET STATISTICS 0;
