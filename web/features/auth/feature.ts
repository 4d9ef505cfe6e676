import { defineFeature } from '../../app/feature';

/** The signed-in user's own account (the sign-in page itself belongs to the shell). */
export const authFeature = defineFeature({
  name: 'auth',
  messages: () => import('./messages').then((m) => m.authMessages),
  pages: [
    {
      path: 'account/password',
      crumbs: [{ key: 'nav.account' }, { key: 'nav.changePassword' }],
      load: () => import('./change-password-page').then((m) => m.ChangePasswordPage),
    },
  ],
});
