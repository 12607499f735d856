/**
 * `/r/{roomCode}`: a provider's own waiting room (the patientUrl provisioning hands out). The
 * router has already entered the room (lib/room.ts), so the start page shows that room's settings
 * and every booking goes there. An unknown room gets a clear page with the way back to the clinic.
 */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { AppLink } from '../../../components/app-link';
import { isApiRequestError } from '../../../api/client';
import { roomCode } from '../../../api/contract';
import { PageHeading } from '../../../components/page-heading';
import { clinicQueries } from '../../../api/queries/clinic';
import { useI18n } from '../../../lib/i18n/language';
import { setRoom } from '../../../lib/room';
import { StartPage } from './start-page';

export function RoomPage() {
  const { roomCode: raw } = useParams();
  const valid = roomCode.safeParse(raw).success;
  const clinic = useQuery({ ...clinicQueries.settings(valid ? (raw ?? null) : null), enabled: valid });
  if (!valid || (isApiRequestError(clinic.error) && clinic.error.status === 404)) return <UnknownRoom />;
  return <StartPage />;
}

function UnknownRoom() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t.room.unknownTitle}</PageHeading>
      <p>{t.room.unknownBody}</p>
      <p>
        <AppLink to="/" onClick={() => setRoom(null)}>
          {t.room.clinicStart}
        </AppLink>
      </p>
    </>
  );
}
