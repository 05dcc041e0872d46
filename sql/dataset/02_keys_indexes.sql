-- Keys and indexes of the loaded data set, built once after COPY (faster than maintaining them per row).
-- No (parent, id) indexes on the child tables: the routes read only product_document, which the
-- importer builds from the rows as it loads them, so nothing would read such an index.
-- The importer has already checked every reference in C++, so foreign keys are added NOT VALID:
-- they document and enforce the relationships for later writes without rescanning 26M rows.
ALTER TABLE product ADD PRIMARY KEY (id);
ALTER TABLE feature ADD PRIMARY KEY (id);
ALTER TABLE style   ADD PRIMARY KEY (id);
ALTER TABLE photo   ADD PRIMARY KEY (id);
ALTER TABLE sku     ADD PRIMARY KEY (id);
ALTER TABLE related ADD PRIMARY KEY (id);

ALTER TABLE feature ADD FOREIGN KEY (product_id) REFERENCES product (id) NOT VALID;
ALTER TABLE style   ADD FOREIGN KEY (product_id) REFERENCES product (id) NOT VALID;
ALTER TABLE photo   ADD FOREIGN KEY (style_id) REFERENCES style (id) NOT VALID;
ALTER TABLE sku     ADD FOREIGN KEY (style_id) REFERENCES style (id) NOT VALID;
ALTER TABLE related ADD FOREIGN KEY (product_id) REFERENCES product (id) NOT VALID;
ALTER TABLE related ADD FOREIGN KEY (related_product_id) REFERENCES product (id) NOT VALID;

