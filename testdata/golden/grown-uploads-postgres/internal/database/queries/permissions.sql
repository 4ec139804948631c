-- name: CreateGroup :one
-- CreateGroup adds a group; names are unique.
INSERT INTO auth_groups (name) VALUES (sqlc.arg(name)) RETURNING *;

-- name: GetGroupByName :one
-- GetGroupByName returns one group, or sql.ErrNoRows.
SELECT * FROM auth_groups WHERE name = sqlc.arg(name);

-- name: ListUserGroups :many
-- ListUserGroups returns the groups a user belongs to, by name.
SELECT auth_groups.* FROM auth_groups
JOIN auth_group_users ON auth_group_users.group_id = auth_groups.id
WHERE auth_group_users.user_id = sqlc.arg(user_id)
ORDER BY auth_groups.name;

-- name: AddUserToGroup :exec
-- AddUserToGroup makes a user a member of a group; a member already is one.
INSERT INTO auth_group_users (user_id, group_id) VALUES (sqlc.arg(user_id), sqlc.arg(group_id)) ON CONFLICT DO NOTHING;

-- name: RemoveUserFromGroup :exec
-- RemoveUserFromGroup ends a membership.
DELETE FROM auth_group_users WHERE user_id = sqlc.arg(user_id) AND group_id = sqlc.arg(group_id);

-- name: GrantPermission :execrows
-- GrantPermission lets a group do action on model. It affects no row when the group has it
-- already, or when no such permission exists (the migrations add them).
INSERT INTO auth_group_permissions (group_id, permission_id)
SELECT sqlc.arg(group_id), id FROM auth_permissions WHERE model = sqlc.arg(model) AND action = sqlc.arg(action)
ON CONFLICT DO NOTHING;

-- name: RevokePermission :exec
-- RevokePermission takes action on model away from a group.
DELETE FROM auth_group_permissions
WHERE group_id = sqlc.arg(group_id)
  AND permission_id IN (SELECT id FROM auth_permissions WHERE model = sqlc.arg(model) AND action = sqlc.arg(action));

-- name: CountUserPermission :one
-- CountUserPermission is 1 when an active user may do action on model: superusers may do
-- everything, other users what one of their groups was granted. Otherwise it is 0.
SELECT COUNT(*) FROM users
WHERE users.id = sqlc.arg(user_id) AND users.is_active AND (
    users.is_superuser OR EXISTS (
        SELECT 1 FROM auth_group_users
        JOIN auth_group_permissions ON auth_group_permissions.group_id = auth_group_users.group_id
        JOIN auth_permissions ON auth_permissions.id = auth_group_permissions.permission_id
        WHERE auth_group_users.user_id = users.id
          AND auth_permissions.model = sqlc.arg(model) AND auth_permissions.action = sqlc.arg(action)
    )
);

-- name: GroupHasPermission :one
-- GroupHasPermission is 1 when the group was granted action on model, otherwise 0.
SELECT COUNT(*) FROM auth_group_permissions
JOIN auth_permissions ON auth_permissions.id = auth_group_permissions.permission_id
WHERE auth_group_permissions.group_id = sqlc.arg(group_id)
  AND auth_permissions.model = sqlc.arg(model) AND auth_permissions.action = sqlc.arg(action);

-- name: ListUserPermissions :many
-- ListUserPermissions returns every permission a user's groups grant, by model and action
-- (a superuser's flag is not looked at: see auth.Account).
SELECT DISTINCT auth_permissions.model, auth_permissions.action FROM auth_permissions
JOIN auth_group_permissions ON auth_group_permissions.permission_id = auth_permissions.id
JOIN auth_group_users ON auth_group_users.group_id = auth_group_permissions.group_id
WHERE auth_group_users.user_id = sqlc.arg(user_id)
ORDER BY auth_permissions.model, auth_permissions.action;

-- name: ListGroupPermissions :many
-- ListGroupPermissions returns the permissions a group grants, by model and action.
SELECT auth_permissions.model, auth_permissions.action FROM auth_permissions
JOIN auth_group_permissions ON auth_group_permissions.permission_id = auth_permissions.id
WHERE auth_group_permissions.group_id = sqlc.arg(group_id)
ORDER BY auth_permissions.model, auth_permissions.action;

-- name: IsGroupMember :one
-- IsGroupMember is 1 when the user belongs to the group, otherwise 0.
SELECT COUNT(*) FROM auth_group_users WHERE user_id = sqlc.arg(user_id) AND group_id = sqlc.arg(group_id);
