-- Keys of product_document, built after its COPY in the same transaction: lookups by id, pages by rank.
ALTER TABLE product_document ADD PRIMARY KEY (product_id);
CREATE UNIQUE INDEX product_document_rank ON product_document (rank);
