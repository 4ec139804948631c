-- The categories table, made by `fastopp add model Category`. Goose runs the Up part to
-- apply it and the Down part to undo it. Add columns with a new migration: go run . migrate create NAME

-- +goose Up
CREATE TABLE categories (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id BIGINT REFERENCES categories (id) ON DELETE SET NULL,
    meta JSONB,
    code UUID,
    cover TEXT,
    manual TEXT,
    starts_at TIMESTAMPTZ,
    views BIGINT NOT NULL DEFAULT 0,
    day DATE,
    featured BOOLEAN,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Each index ends with id, which lists sort by after the column, so that a sorted page is
-- read in the index's order even where many rows share a value (as rows added together
-- share created_at).
CREATE INDEX categories_name ON categories (name, id);
CREATE INDEX categories_parent_id ON categories (parent_id, id);
CREATE INDEX categories_code ON categories (code, id);
CREATE INDEX categories_created_at ON categories (created_at, id);

-- Who may view, add, change and delete categories in the admin: grant these to a group.
INSERT INTO auth_permissions (model, action) VALUES
    ('categories', 'view'), ('categories', 'add'), ('categories', 'change'), ('categories', 'delete');

-- +goose Down
DELETE FROM auth_permissions WHERE model = 'categories';
DROP TABLE categories;
