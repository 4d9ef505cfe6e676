import type { Platform } from '../../platform/platform';
import type { OrganisationService } from '../organisation';
import { authRoutes } from './auth.routes';
import { userRoutes } from './user.routes';
import { UserService } from './user.service';

export type { UserService } from './user.service';

export function identityModule(p: Platform, orgs: OrganisationService, opts: { loginPerMinute: number }) {
  const service = new UserService(p, orgs);
  const secureCookies = p.config.env === 'production';
  return {
    service,
    routes: [
      authRoutes(service, { secureCookies, loginPerMinute: opts.loginPerMinute }),
      userRoutes(service),
    ],
  };
}
