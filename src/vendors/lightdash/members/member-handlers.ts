import type { Handler } from '../../../engine/vendor.js';
import { lightdashErrors } from '../lightdash-errors.js';
import type { LightdashState } from '../lightdash-state.js';
import type { LightdashPrincipal, Member } from '../model.js';
import { memberProfile } from './member-profile.js';

type LightdashHandler = Handler<LightdashState, LightdashPrincipal>;

/** OrganizationMemberProfileModel's miss, for a uuid or email that names nobody in the caller's organization. */
const NO_MEMBER = 'No matching member found in organization';

function found(member: Member | undefined): Member {
  if (!member) throw lightdashErrors.notFound(NO_MEMBER);
  return member;
}

/** OrganizationService.getMemberByUuid / getMemberByEmail: any member may look up members of their own organization. */
export const memberHandlers: Record<string, LightdashHandler> = {
  GetOrganizationMemberByUuid: ({ state, principal, params }) => {
    const member = state.member(String(params.userUuid));
    const results = memberProfile(state, found(member?.organizationUuid === principal.organizationUuid ? member : undefined));
    return { status: 200, body: { status: 'ok', results } };
  },

  GetOrganizationMemberByEmail: ({ state, principal, params }) => {
    const results = memberProfile(state, found(state.memberWithEmail(principal.organizationUuid, String(params.email))));
    return { status: 200, body: { status: 'ok', results } };
  },
};
