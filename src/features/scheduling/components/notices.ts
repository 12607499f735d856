/** Messages carried to the next page (see lib/route-notice). */
export const DETAILS_NEEDED_NOTICE =
  'Please fill in your details first. For your privacy they are not kept when the page reloads.';

export const SLOT_TAKEN_NOTICE = 'Someone else booked that time a moment ago. Please choose another time.';

export const RESCHEDULED_NOTICE = 'Your appointment has been moved to the new time.';
