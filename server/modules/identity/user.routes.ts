import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../contracts/common';
import {
  CreateUserBody,
  UpdateUserBody,
  User,
  UserListQuery,
  UserPage,
  UserWithPassword,
  VersionOnly,
} from '../../../contracts/user';
import { contextOf, typed } from '../../platform/http/routes';
import type { UserService } from './user.service';

export function userRoutes(service: UserService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['users'];

    r.get(
      '/api/users',
      {
        config: { access: { kind: 'action', action: 'user.read' } },
        schema: { tags, querystring: UserListQuery, response: { 200: UserPage } },
      },
      async (req) => service.listUsers(contextOf(req), req.query),
    );

    r.get(
      '/api/users/:id',
      {
        config: { access: { kind: 'action', action: 'user.read' } },
        schema: { tags, params: IdParams, response: { 200: User } },
      },
      async (req) => service.getUser(contextOf(req), req.params.id),
    );

    r.post(
      '/api/users',
      {
        config: { access: { kind: 'action', action: 'user.create' } },
        schema: { tags, body: CreateUserBody, response: { 201: UserWithPassword } },
      },
      async (req, reply) => reply.code(201).send(await service.createUser(contextOf(req), req.body)),
    );

    r.patch(
      '/api/users/:id',
      {
        config: { access: { kind: 'action', action: 'user.update' } },
        schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: User } },
      },
      async (req) => service.updateUser(contextOf(req), req.params.id, req.body),
    );

    r.post(
      '/api/users/:id/reset-password',
      {
        config: { access: { kind: 'action', action: 'user.reset_password' } },
        schema: { tags, params: IdParams, body: VersionOnly, response: { 200: UserWithPassword } },
      },
      async (req) => service.resetPassword(contextOf(req), req.params.id, req.body.version),
    );

    r.post(
      '/api/users/:id/disable',
      {
        config: { access: { kind: 'action', action: 'user.disable' } },
        schema: { tags, params: IdParams, body: VersionOnly, response: { 200: User } },
      },
      async (req) => service.setDisabled(contextOf(req), req.params.id, req.body.version, true),
    );

    r.post(
      '/api/users/:id/end-sessions',
      {
        config: { access: { kind: 'action', action: 'user.disable' } },
        schema: {
          tags,
          summary: '手机丢失：结束该用户的所有登录 End all of a user’s sessions (a lost phone)',
          params: IdParams,
          body: VersionOnly,
          response: { 200: User },
        },
      },
      async (req) => service.endSessions(contextOf(req), req.params.id, req.body.version),
    );

    r.post(
      '/api/users/:id/enable',
      {
        config: { access: { kind: 'action', action: 'user.disable' } },
        schema: { tags, params: IdParams, body: VersionOnly, response: { 200: User } },
      },
      async (req) => service.setDisabled(contextOf(req), req.params.id, req.body.version, false),
    );
  };
}
