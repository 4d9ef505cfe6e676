import { defineModule } from '../../platform/module';
import type { OrganisationService } from '../organisation';
import { authRoutes } from './auth.routes';
import { loginThrottle } from './migrations/2026120701-login-throttle';
import { userRoutes } from './user.routes';
import { UserService } from './user.service';

export type { UserService } from './user.service';
export type { IdentityTables } from './tables';

/** Users, roles, sign-in and sessions. */
export const identityModule = defineModule({
  name: 'users',
  needs: ['organisations'],
  migrations: { '2026120701-login-throttle': loginThrottle },
  build(p, { organisations }: { organisations: OrganisationService }, opts) {
    const service = new UserService(p, organisations);
    const secureCookies = p.config.env === 'production';
    return {
      services: service,
      routes: [
        authRoutes(service, { secureCookies, loginPerMinute: opts.loginPerMinute }),
        userRoutes(service),
      ],
    };
  },
});
