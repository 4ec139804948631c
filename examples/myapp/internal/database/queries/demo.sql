-- The queries of the demo's tables, written as `fastopp add model` writes a model's queries
-- (one section per table), then the queries of the products page (/demo/products) and of
-- `go run . demo load` and `demo reset`. sqlc turns each one into a Go method of
-- models.Queries (internal/models); the services in internal/services call them.

-- name: GetDemoCategory :one
SELECT * FROM demo_categories
WHERE id = sqlc.arg(id);

-- name: ListDemoCategories :many
-- The params row holds the parameters once, so every part of the query can use them.
-- sort is a column name, with a leading - for descending; any other value sorts newest first.
SELECT demo_categories.* FROM demo_categories,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
WHERE params.term = ''
    OR demo_categories.name LIKE '%' || params.term || '%'
ORDER BY
    CASE WHEN params.sort_by = 'name' THEN demo_categories.name END ASC,
    CASE WHEN params.sort_by = '-name' THEN demo_categories.name END DESC,
    CASE WHEN params.sort_by = 'created_at' THEN demo_categories.created_at END ASC,
    demo_categories.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(skip);

-- name: CountDemoCategories :one
-- How many rows ListDemoCategories finds for the same search, for the page count.
SELECT COUNT(*) FROM demo_categories,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term) AS params
WHERE params.term = ''
    OR demo_categories.name LIKE '%' || params.term || '%';

-- name: CreateDemoCategory :one
INSERT INTO demo_categories (name)
VALUES (sqlc.arg(name))
RETURNING *;

-- name: UpdateDemoCategory :one
UPDATE demo_categories
SET name = sqlc.arg(name),
    updated_at = CURRENT_TIMESTAMP
WHERE id = sqlc.arg(id)
RETURNING *;

-- name: DeleteDemoCategory :execrows
DELETE FROM demo_categories
WHERE demo_categories.id = sqlc.arg(id);

-- name: GetDemoProduct :one
SELECT * FROM demo_products
WHERE id = sqlc.arg(id);

-- name: ListDemoProducts :many
-- The params row holds the parameters once, so every part of the query can use them.
-- sort is a column name, with a leading - for descending; any other value sorts newest first.
-- A CASE loses the COLLATE of its column, so a decimal column names its collation again.
SELECT demo_products.* FROM demo_products,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
WHERE params.term = ''
    OR demo_products.name LIKE '%' || params.term || '%'
    OR demo_products.description LIKE '%' || params.term || '%'
ORDER BY
    CASE WHEN params.sort_by = 'name' THEN demo_products.name END ASC,
    CASE WHEN params.sort_by = '-name' THEN demo_products.name END DESC,
    CASE WHEN params.sort_by = 'category_id' THEN demo_products.category_id END ASC,
    CASE WHEN params.sort_by = '-category_id' THEN demo_products.category_id END DESC,
    CASE WHEN params.sort_by = 'price' THEN demo_products.price END COLLATE decimal ASC,
    CASE WHEN params.sort_by = '-price' THEN demo_products.price END COLLATE decimal DESC,
    CASE WHEN params.sort_by = 'stock' THEN demo_products.stock END ASC,
    CASE WHEN params.sort_by = '-stock' THEN demo_products.stock END DESC,
    CASE WHEN params.sort_by = 'description' THEN demo_products.description END ASC,
    CASE WHEN params.sort_by = '-description' THEN demo_products.description END DESC,
    CASE WHEN params.sort_by = 'created_at' THEN demo_products.created_at END ASC,
    demo_products.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(skip);

-- name: CountDemoProducts :one
-- How many rows ListDemoProducts finds for the same search, for the page count.
SELECT COUNT(*) FROM demo_products,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term) AS params
WHERE params.term = ''
    OR demo_products.name LIKE '%' || params.term || '%'
    OR demo_products.description LIKE '%' || params.term || '%';

-- name: CreateDemoProduct :one
INSERT INTO demo_products (name, category_id, price, stock, description)
VALUES (sqlc.arg(name), sqlc.arg(category_id), sqlc.arg(price), sqlc.arg(stock), sqlc.arg(description))
RETURNING *;

-- name: UpdateDemoProduct :one
UPDATE demo_products
SET name = sqlc.arg(name),
    category_id = sqlc.arg(category_id),
    price = sqlc.arg(price),
    stock = sqlc.arg(stock),
    description = sqlc.arg(description),
    updated_at = CURRENT_TIMESTAMP
WHERE id = sqlc.arg(id)
RETURNING *;

-- name: DeleteDemoProduct :execrows
DELETE FROM demo_products
WHERE id = sqlc.arg(id);

-- name: GetDemoWebinar :one
SELECT * FROM demo_webinars
WHERE id = sqlc.arg(id);

-- name: ListDemoWebinars :many
-- The params row holds the parameters once, so every part of the query can use them.
-- sort is a column name, with a leading - for descending; any other value sorts newest first.
SELECT demo_webinars.* FROM demo_webinars,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
WHERE params.term = ''
    OR demo_webinars.title LIKE '%' || params.term || '%'
    OR demo_webinars.presenter LIKE '%' || params.term || '%'
    OR demo_webinars.description LIKE '%' || params.term || '%'
ORDER BY
    CASE WHEN params.sort_by = 'title' THEN demo_webinars.title END ASC,
    CASE WHEN params.sort_by = '-title' THEN demo_webinars.title END DESC,
    CASE WHEN params.sort_by = 'presenter' THEN demo_webinars.presenter END ASC,
    CASE WHEN params.sort_by = '-presenter' THEN demo_webinars.presenter END DESC,
    CASE WHEN params.sort_by = 'starts_at' THEN demo_webinars.starts_at END ASC,
    CASE WHEN params.sort_by = '-starts_at' THEN demo_webinars.starts_at END DESC,
    CASE WHEN params.sort_by = 'description' THEN demo_webinars.description END ASC,
    CASE WHEN params.sort_by = '-description' THEN demo_webinars.description END DESC,
    CASE WHEN params.sort_by = 'created_at' THEN demo_webinars.created_at END ASC,
    demo_webinars.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(skip);

-- name: CountDemoWebinars :one
-- How many rows ListDemoWebinars finds for the same search, for the page count.
SELECT COUNT(*) FROM demo_webinars,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term) AS params
WHERE params.term = ''
    OR demo_webinars.title LIKE '%' || params.term || '%'
    OR demo_webinars.presenter LIKE '%' || params.term || '%'
    OR demo_webinars.description LIKE '%' || params.term || '%';

-- name: CreateDemoWebinar :one
INSERT INTO demo_webinars (title, presenter, starts_at, description)
VALUES (sqlc.arg(title), sqlc.arg(presenter), sqlc.arg(starts_at), sqlc.arg(description))
RETURNING *;

-- name: UpdateDemoWebinar :one
UPDATE demo_webinars
SET title = sqlc.arg(title),
    presenter = sqlc.arg(presenter),
    starts_at = sqlc.arg(starts_at),
    description = sqlc.arg(description),
    updated_at = CURRENT_TIMESTAMP
WHERE id = sqlc.arg(id)
RETURNING *;

-- name: DeleteDemoWebinar :execrows
DELETE FROM demo_webinars
WHERE demo_webinars.id = sqlc.arg(id);

-- name: GetDemoRegistrant :one
SELECT * FROM demo_registrants
WHERE id = sqlc.arg(id);

-- name: GetDemoRegistrantForUpdate :one
-- GetDemoRegistrant inside a write that replaces or deletes the demo registrant's files:
-- SQLite's write transactions already take turns (BEGIN IMMEDIATE), so it needs no lock of
-- its own (PostgreSQL's version of this query ends with FOR UPDATE).
SELECT * FROM demo_registrants
WHERE id = sqlc.arg(id);

-- name: ListDemoRegistrants :many
-- The params row holds the parameters once, so every part of the query can use them.
-- sort is a column name, with a leading - for descending; any other value sorts newest first.
SELECT demo_registrants.* FROM demo_registrants,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
WHERE params.term = ''
    OR demo_registrants.name LIKE '%' || params.term || '%'
    OR demo_registrants.email LIKE '%' || params.term || '%'
    OR demo_registrants.company LIKE '%' || params.term || '%'
    OR demo_registrants.notes LIKE '%' || params.term || '%'
ORDER BY
    CASE WHEN params.sort_by = 'webinar_id' THEN demo_registrants.webinar_id END ASC,
    CASE WHEN params.sort_by = '-webinar_id' THEN demo_registrants.webinar_id END DESC,
    CASE WHEN params.sort_by = 'name' THEN demo_registrants.name END ASC,
    CASE WHEN params.sort_by = '-name' THEN demo_registrants.name END DESC,
    CASE WHEN params.sort_by = 'email' THEN demo_registrants.email END ASC,
    CASE WHEN params.sort_by = '-email' THEN demo_registrants.email END DESC,
    CASE WHEN params.sort_by = 'company' THEN demo_registrants.company END ASC,
    CASE WHEN params.sort_by = '-company' THEN demo_registrants.company END DESC,
    CASE WHEN params.sort_by = 'notes' THEN demo_registrants.notes END ASC,
    CASE WHEN params.sort_by = '-notes' THEN demo_registrants.notes END DESC,
    CASE WHEN params.sort_by = 'photo' THEN demo_registrants.photo END ASC,
    CASE WHEN params.sort_by = '-photo' THEN demo_registrants.photo END DESC,
    CASE WHEN params.sort_by = 'created_at' THEN demo_registrants.created_at END ASC,
    demo_registrants.id DESC
LIMIT sqlc.arg(page_size) OFFSET sqlc.arg(skip);

-- name: CountDemoRegistrants :one
-- How many rows ListDemoRegistrants finds for the same search, for the page count.
SELECT COUNT(*) FROM demo_registrants,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term) AS params
WHERE params.term = ''
    OR demo_registrants.name LIKE '%' || params.term || '%'
    OR demo_registrants.email LIKE '%' || params.term || '%'
    OR demo_registrants.company LIKE '%' || params.term || '%'
    OR demo_registrants.notes LIKE '%' || params.term || '%';

-- name: CreateDemoRegistrant :one
INSERT INTO demo_registrants (webinar_id, name, email, company, notes, photo)
VALUES (sqlc.arg(webinar_id), sqlc.arg(name), sqlc.arg(email), sqlc.arg(company), sqlc.arg(notes), sqlc.arg(photo))
RETURNING *;

-- name: UpdateDemoRegistrant :one
UPDATE demo_registrants
SET webinar_id = sqlc.arg(webinar_id),
    name = sqlc.arg(name),
    email = sqlc.arg(email),
    company = sqlc.arg(company),
    notes = sqlc.arg(notes),
    photo = sqlc.arg(photo),
    updated_at = CURRENT_TIMESTAMP
WHERE id = sqlc.arg(id)
RETURNING *;

-- name: DeleteDemoRegistrant :execrows
DELETE FROM demo_registrants
WHERE id = sqlc.arg(id);


-- name: FilterDemoProducts :many
-- The products page's list: a search in name and description (instr finds the term as it
-- is, ignoring case: unlike LIKE, no character of it is a wildcard), one category (0 for all),
-- only those in stock, and a sort: name, price or stock, with a leading - for descending.
-- A CASE loses the COLLATE of its column, so price names its collation again: prices are
-- text in SQLite, and the decimal collation compares them as numbers.
SELECT demo_products.id, demo_products.name, demo_products.price, demo_products.stock,
    demo_products.description, demo_products.category_id, demo_categories.name AS category
FROM demo_products
JOIN demo_categories ON demo_categories.id = demo_products.category_id,
    (SELECT CAST(sqlc.arg(search) AS TEXT) AS term, CAST(sqlc.arg(category_id) AS INTEGER) AS category_id,
        CAST(sqlc.arg(in_stock) AS BOOLEAN) AS in_stock, CAST(sqlc.arg(sort) AS TEXT) AS sort_by) AS params
WHERE (params.term = ''
        OR instr(lower(demo_products.name), lower(params.term)) > 0
        OR instr(lower(demo_products.description), lower(params.term)) > 0)
    AND (params.category_id = 0 OR demo_products.category_id = params.category_id)
    AND (NOT params.in_stock OR demo_products.stock > 0)
ORDER BY
    CASE WHEN params.sort_by = 'price' THEN demo_products.price END COLLATE decimal ASC,
    CASE WHEN params.sort_by = '-price' THEN demo_products.price END COLLATE decimal DESC,
    CASE WHEN params.sort_by = 'stock' THEN demo_products.stock END ASC,
    CASE WHEN params.sort_by = '-stock' THEN demo_products.stock END DESC,
    CASE WHEN params.sort_by = '-name' THEN demo_products.name END DESC,
    demo_products.name ASC,
    demo_products.id ASC
LIMIT 500;

-- name: AllDemoCategories :many
-- Every category, by name, for the products page's filter.
SELECT * FROM demo_categories
ORDER BY name, id;

-- name: ClaimDemoRow :execrows
-- `demo load` claims a key (product:Laptop) before it adds the row, in the same transaction.
-- It claims nothing (0 rows) when the key is taken: the demo loaded that row before. While
-- another `demo load` holds the same key in a transaction not yet committed, this waits for
-- it, so two loads at once never add a row twice.
INSERT INTO demo_rows (demo_key, table_name, row_id)
VALUES (sqlc.arg(demo_key), sqlc.arg(table_name), 0)
ON CONFLICT (demo_key) DO NOTHING;

-- name: SetDemoRowID :exec
-- The id of the row added under a key just claimed.
UPDATE demo_rows SET row_id = sqlc.arg(row_id)
WHERE demo_key = sqlc.arg(demo_key);

-- name: DemoRowID :one
-- The id of the row the demo loaded under this key; no row when it has not loaded it.
SELECT row_id FROM demo_rows
WHERE demo_key = sqlc.arg(demo_key);

-- name: DemoCategoryByName :one
-- A category by name, the demo's or one of yours: demo products go into either.
SELECT * FROM demo_categories
WHERE name = sqlc.arg(name);

-- name: ListDemoRows :many
-- The rows the demo loaded into one table, oldest first.
SELECT * FROM demo_rows
WHERE table_name = sqlc.arg(table_name)
ORDER BY row_id;

-- name: ForgetDemoRow :exec
DELETE FROM demo_rows
WHERE demo_key = sqlc.arg(demo_key);

-- name: DeleteDemoCategoryIfUnused :execrows
-- Deletes a category unless a product still uses it (one you added: reset deletes the demo's
-- own products first).
DELETE FROM demo_categories
WHERE demo_categories.id = sqlc.arg(id)
    AND NOT EXISTS (SELECT 1 FROM demo_products WHERE demo_products.category_id = demo_categories.id);

-- name: DeleteDemoWebinarIfUnused :execrows
-- Deletes a webinar unless a registrant still uses it (one you added).
DELETE FROM demo_webinars
WHERE demo_webinars.id = sqlc.arg(id)
    AND NOT EXISTS (SELECT 1 FROM demo_registrants WHERE demo_registrants.webinar_id = demo_webinars.id);

-- name: DeleteDemoUser :execrows
-- Deletes a sample user of the demo; never a user the demo did not load.
DELETE FROM users
WHERE users.id = sqlc.arg(id)
    AND users.id IN (SELECT row_id FROM demo_rows WHERE table_name = 'users');
