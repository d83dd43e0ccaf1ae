/* Placeholder: being written. */
typedef int referral_placeholder;
