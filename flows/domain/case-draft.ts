/** What intake knows about the case so far. Plain JSON: it lives in the persisted flow context. */
export const REQUEST_TYPES = ['投诉', '求助', '举报', '建议', '表扬'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
/** What a case can be filed as: the intake types, or a consultation the knowledge base could not answer. */
export type CaseType = RequestType | '咨询';

export interface Place {
  districtCode: string;
  district: string;
  streetCode?: string;
  street?: string;
}

export interface CaseDraft {
  type?: CaseType;
  /** The type was not said but inferred (an account with no other kind in it is filed as 投诉): not asked. */
  typeGuessed?: boolean;
  description?: string;
  districtCode?: string;
  district?: string;
  streetCode?: string;
  street?: string;
  /** True once the citizen said they do not know the street: the case is routed by its district. */
  streetUnknown?: boolean;
  /** Detailed address below the street: estate, road, building. */
  address?: string;
  /** Normalised: 11-digit mobile or `0AA(A)-NNNNNNN(N)` landline. */
  phone?: string;
  name?: string;
  /** True once the citizen said they would rather not give a name. */
  nameSkipped?: boolean;
  confidential?: boolean;
  category?: string;
  /** A node of the category tree (flows/domain/categories), e.g. C01.02.008.01; routing reads it. */
  categoryId?: string;
  /** True when the citizen found no category that fits: the hotline categorises by hand. */
  categoryUnknown?: boolean;
}
