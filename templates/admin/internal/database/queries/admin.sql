-- name: ListGroupsForUser :many
-- ListGroupsForUser returns every group, by name, and whether the user belongs to it.
SELECT auth_groups.id, auth_groups.name, auth_group_users.user_id IS NOT NULL AS member
FROM auth_groups LEFT JOIN auth_group_users
  ON auth_group_users.group_id = auth_groups.id AND auth_group_users.user_id = sqlc.arg(user_id)
ORDER BY auth_groups.name;

-- name: RemoveUserFromAllGroups :exec
-- RemoveUserFromAllGroups ends every membership of a user.
DELETE FROM auth_group_users WHERE user_id = sqlc.arg(user_id);

-- name: ListPermissionsForGroup :many
-- ListPermissionsForGroup returns every permission, by model, and whether the group holds it.
SELECT auth_permissions.id, auth_permissions.model, auth_permissions.action,
       auth_group_permissions.group_id IS NOT NULL AS granted
FROM auth_permissions LEFT JOIN auth_group_permissions
  ON auth_group_permissions.permission_id = auth_permissions.id AND auth_group_permissions.group_id = sqlc.arg(group_id)
ORDER BY auth_permissions.model, auth_permissions.id;

-- name: RevokeAllPermissions :exec
-- RevokeAllPermissions takes every permission away from a group.
DELETE FROM auth_group_permissions WHERE group_id = sqlc.arg(group_id);

-- name: GrantPermissionByID :exec
-- GrantPermissionByID lets a group do what the permission with this id allows.
INSERT INTO auth_group_permissions (group_id, permission_id) VALUES (sqlc.arg(group_id), sqlc.arg(permission_id));
