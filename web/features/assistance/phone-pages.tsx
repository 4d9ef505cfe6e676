import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { NotFoundResult } from '../../components/status-results';
import { FullPageSpin } from '../../components/session/session';

/** Where this document was loaded: if the server sent the back office for /m/…, there is no phone page to go to. */
const LOADED_AT = window.location.pathname;

/**
 * /m/* belongs to the phone pages (a separate app): a link or the sign-in page's `next` that
 * lands here inside the back office loads them with a full page load.
 */
export function PhonePagesRedirect() {
  const location = useLocation();
  const loadedHere = location.pathname === LOADED_AT;
  useEffect(() => {
    if (!loadedHere) window.location.replace(`${location.pathname}${location.search}`);
  }, [loadedHere, location.pathname, location.search]);
  return loadedHere ? <NotFoundResult /> : <FullPageSpin />;
}
