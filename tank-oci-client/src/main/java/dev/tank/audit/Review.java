package dev.tank.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tank.mediatypes.ErrorCode;
import dev.tank.mediatypes.MediaTypes;
import dev.tank.mediatypes.TankException;
import java.io.IOException;
import java.util.Optional;

/**
 * A community review of one skill version ({@code application/vnd.tank.review.v1+json}), attached
 * to the skill manifest as a referrer: a rating from 1 to 5, a reviewer and a comment.
 */
@JsonPropertyOrder({"subject", "rating", "reviewer", "comment"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Review(String subject, int rating, String reviewer, String comment) {
  public static final String MEDIA_TYPE = MediaTypes.REVIEW;
  public static final long MAX_BYTES = 64 * 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public Review {
    if (rating < 1 || rating > 5) {
      throw new TankException(ErrorCode.USAGE, "a rating is 1 to 5, not " + rating, "--rating", "e.g. --rating 4");
    }
    if (comment != null && comment.length() > 4000) {
      throw new TankException(ErrorCode.USAGE, "comment is longer than 4000 characters", "--comment", "shorten it");
    }
  }

  public byte[] toBytes() {
    try {
      return MAPPER.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new TankException(ErrorCode.INTERNAL, "cannot write a review", null, null, e);
    }
  }

  /** A review read from a registry, or empty when the bytes are not a valid review of {@code subject}. */
  public static Optional<Review> parse(byte[] bytes, String subject) {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null || !subject.equals(n.path("subject").asText()) || !n.path("rating").isInt()) {
        return Optional.empty();
      }
      return Optional.of(new Review(subject, n.path("rating").asInt(), n.path("reviewer").asText(null),
          n.path("comment").asText(null)));
    } catch (IOException | TankException e) {
      return Optional.empty();
    }
  }
}
