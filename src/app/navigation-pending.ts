import { createContext, useContext } from 'react';

/** True while a navigation waits for its page's code (AppRouter's transition). */
export const NavigationPending = createContext(false);

export const useNavigationPending = (): boolean => useContext(NavigationPending);
