-- Data set tables, created unqualified in the schema that search_path names (the importer's staging schema).
-- Keys and indexes come after the load (02_keys_indexes.sql): building them once is faster than per row.
CREATE TABLE product (
  id            integer       NOT NULL,
  name          text          NOT NULL,
  slogan        text          NOT NULL,
  description   text          NOT NULL,
  category      text          NOT NULL,
  default_price numeric(12,2) NOT NULL
);

CREATE TABLE feature (
  id         integer NOT NULL,
  product_id integer NOT NULL,
  feature    text    NOT NULL,
  value      text
);

CREATE TABLE style (
  id             integer       NOT NULL,
  product_id     integer       NOT NULL,
  name           text          NOT NULL,
  sale_price     numeric(12,2),
  original_price numeric(12,2) NOT NULL,
  is_default     boolean       NOT NULL
);

CREATE TABLE photo (
  id            integer NOT NULL,
  style_id      integer NOT NULL,
  url           text    NOT NULL,
  thumbnail_url text    NOT NULL
);

CREATE TABLE sku (
  id       integer NOT NULL,
  style_id integer NOT NULL,
  size     text    NOT NULL,
  quantity integer NOT NULL CHECK (quantity >= 0)
);

CREATE TABLE related (
  id                 integer NOT NULL,
  product_id         integer NOT NULL,
  related_product_id integer NOT NULL
);
